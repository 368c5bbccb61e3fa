import { mojIctSecurityPolicy } from '../policy';
import {
  PORTFOLIO_LENSES,
  isPortfolioLens,
  lensOfStatement,
  lensStatementIds,
} from './lenses';

const policy = mojIctSecurityPolicy;

describe('portfolio lenses', () => {
  it('puts record checks in the catalog lens and attestation checks in the attestations lens', () => {
    expect(lensOfStatement({ kind: 'record', check: 'dr-plan' })).toBe(
      'catalog',
    );
    expect(lensOfStatement({ kind: 'attestation' })).toBe('attestations');
    expect(
      lensOfStatement({ kind: 'attestation', check: 'role-acknowledgement' }),
    ).toBe('attestations');
    expect(
      lensOfStatement({ kind: 'organisation', check: 'policy-review' }),
    ).toBeUndefined();
    expect(lensOfStatement({ kind: 'behaviour' })).toBeUndefined();
  });

  it("reads a check this side does not know (added in the backend) by its statement's kind", () => {
    const added = { kind: 'record', check: 'team-pen-test' } as const;
    expect(lensOfStatement(added as never)).toBe('catalog');
    const organisation = {
      kind: 'organisation',
      check: 'team-review',
    } as const;
    expect(lensOfStatement(organisation as never)).toBeUndefined();
  });

  it('splits the policy: catalog and attestations are disjoint and make up all', () => {
    const catalog = lensStatementIds(policy, 'catalog');
    const attestations = lensStatementIds(policy, 'attestations');
    const all = lensStatementIds(policy, 'all');
    expect(catalog).toContain('POL.ITSEC.043');
    expect(catalog).not.toContain('POL.ITSEC.005');
    expect(attestations).toContain('POL.ITSEC.005');
    expect(attestations).toContain('POL.ITSEC.023');
    expect(catalog.filter(id => attestations.includes(id))).toEqual([]);
    expect([...catalog, ...attestations].sort()).toEqual([...all].sort());
    // Organisation and behaviour statements are in no lens but all's counts.
    expect(all).not.toContain('POL.ITSEC.001');
    expect(all).not.toContain('POL.ITSEC.026');
    expect(all).toEqual(
      policy.statements
        .filter(s => s.kind === 'record' || s.kind === 'attestation')
        .map(s => s.id),
    );
  });

  it('knows its lenses', () => {
    expect(PORTFOLIO_LENSES).toEqual(['all', 'catalog', 'attestations']);
    expect(isPortfolioLens('catalog')).toBe(true);
    expect(isPortfolioLens('records')).toBe(false);
    expect(isPortfolioLens(undefined)).toBe(false);
  });
});
