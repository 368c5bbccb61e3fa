import { mojIctSecurityPolicy } from '@internal/plugin-itsec-common';
import { parsePortfolioLens } from './parsePortfolioLens';

const policy = mojIctSecurityPolicy;

describe('parsePortfolioLens', () => {
  it('restricts nothing for all, or when no lens is given', () => {
    expect(parsePortfolioLens({}, policy)).toBeUndefined();
    expect(parsePortfolioLens({ lens: 'all' }, policy)).toBeUndefined();
  });

  it('gives the record statements for catalog and the attestation statements for attestations', () => {
    const catalog = parsePortfolioLens({ lens: 'catalog' }, policy)!;
    const attestations = parsePortfolioLens({ lens: 'attestations' }, policy)!;
    const kindOf = (id: string) =>
      policy.statements.find(s => s.id === id)!.kind;
    expect(catalog).toContain('POL.ITSEC.043');
    expect(new Set(catalog.map(kindOf))).toEqual(new Set(['record']));
    expect(attestations).toContain('POL.ITSEC.023');
    expect(new Set(attestations.map(kindOf))).toEqual(new Set(['attestation']));
  });

  it('rejects an unknown lens naming the field and the lenses', () => {
    expect(() => parsePortfolioLens({ lens: 'records' }, policy)).toThrow(
      "lens: 'records' is not one of all, catalog, attestations",
    );
  });
});
