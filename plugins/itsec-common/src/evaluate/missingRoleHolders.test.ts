/*
 * A team names its own role holders: a person the portal found not to be a
 * User in the catalog (made up, so in no Group and trivially "independent")
 * must not fill a role, nor decide or approve for the system.
 */
import { mojIctSecurityPolicy } from '../policy';
import { markMissingRoleHolders } from '../profile/missingRoleHolders';
import type { SecurityProfile } from '../profile/types';
import { AS_OF, compliantProfile } from '../__testUtils__/profiles';
import { evaluate } from './evaluate';

const ACCREDITOR = 'user:default/accreditor';
const onlyAccreditorMissing = (ref: string) => ref === ACCREDITOR;

function results(profile: SecurityProfile) {
  return evaluate(profile, mojIctSecurityPolicy, { asOf: AS_OF });
}
function res(profile: SecurityProfile, id: string) {
  return results(profile).results.find(x => x.statementId === id)!;
}

describe('markMissingRoleHolders', () => {
  it('marks only user refs found missing, and leaves the input as it was', () => {
    const p = compliantProfile();
    p.roles.iao = [
      ...(p.roles.iao ?? []),
      { ref: 'group:default/iaos', source: { inherited: false } },
    ];
    const before = JSON.stringify(p);
    const marked = markMissingRoleHolders(p, () => true);
    expect(JSON.stringify(p)).toBe(before);
    expect(marked.roles.accreditor).toEqual([
      expect.objectContaining({ ref: ACCREDITOR, missing: true }),
    ]);
    expect(
      marked.roles.iao!.find(h => h.ref.startsWith('group:')),
    ).not.toHaveProperty('missing');
  });

  it('returns the profile itself when nobody is missing', () => {
    const p = compliantProfile();
    expect(markMissingRoleHolders(p, () => false)).toBe(p);
  });
});

describe('an Accreditor who is not a User in the catalog', () => {
  const made = () =>
    markMissingRoleHolders(compliantProfile(), onlyAccreditorMissing);

  it('does not fill the role (022), naming the person and the role', () => {
    expect(res(compliantProfile(), 'POL.ITSEC.022').status).toBe('met');
    const r = res(made(), 'POL.ITSEC.022');
    expect(r.status).toBe('gap');
    expect(r.reasons).toEqual([
      'accreditor-missing',
      'role-holder-not-in-catalog',
    ]);
    expect(r.message).toContain(
      `Accreditor named, ${ACCREDITOR}, is not a User in the catalog`,
    );
  });

  it('makes no accreditation decision that counts (013)', () => {
    expect(res(compliantProfile(), 'POL.ITSEC.013').status).toBe('met');
    const r = res(made(), 'POL.ITSEC.013');
    expect(r.status).toBe('gap');
    expect(r.reasons).toEqual(['role-holder-not-in-catalog']);
    expect(r.message).toContain(
      `${ACCREDITOR}, who is not a User in the catalog`,
    );
  });

  it('gives no Code of Connection approval that counts (028)', () => {
    expect(res(compliantProfile(), 'POL.ITSEC.028').status).toBe('met');
    const r = res(made(), 'POL.ITSEC.028');
    expect(r.status).toBe('gap');
    expect(r.reasons).toContain('role-holder-not-in-catalog');
    expect(r.message).toContain(
      `Accreditor approval is by ${ACCREDITOR}, who is not a User in the catalog`,
    );
  });

  it('scores lower than the same profile with the Accreditor in the catalog', () => {
    expect(results(made()).summary.score!).toBeLessThan(
      results(compliantProfile()).summary.score!,
    );
  });

  it('changes nothing offline, where nobody is marked', () => {
    const offline = markMissingRoleHolders(compliantProfile(), () => false);
    expect(results(offline)).toEqual(results(compliantProfile()));
  });
});
