import { emptySecurityProfile, SecurityProfile } from '../profile/types';
import { approvingSiro, isApprovingSiro } from './approvingSiro';

function withSiro(
  ref: string,
  siro?: string,
  inheritedFrom?: string,
): SecurityProfile {
  const p = emptySecurityProfile(ref);
  if (siro) {
    p.roles['business-siro'] = [
      {
        ref: siro,
        source: inheritedFrom
          ? { inherited: true, from: inheritedFrom }
          : { inherited: false },
      },
    ];
  }
  return p;
}

const DOMAIN_SIRO = 'user:default/domain.siro';
const SYSTEM_SIRO = 'user:default/system.siro';
const TEAM_SIRO = 'user:default/team.lead';

describe('approvingSiro', () => {
  it("is the Domain's SIRO, even when the System declares another", () => {
    const lineage = [
      withSiro('component:default/api'),
      withSiro('system:default/civil', SYSTEM_SIRO),
      withSiro('domain:default/hmcts', DOMAIN_SIRO),
    ];
    expect(approvingSiro(lineage)).toEqual({
      holders: [expect.objectContaining({ ref: DOMAIN_SIRO })],
      declaredOn: 'domain:default/hmcts',
    });
    expect(isApprovingSiro(lineage, DOMAIN_SIRO)).toBe(true);
    expect(isApprovingSiro(lineage, SYSTEM_SIRO)).toBe(false);
  });

  it('has nobody when only the System declares a SIRO', () => {
    // The System is the delivery team's own file: it never names the approver.
    const lineage = [
      withSiro('component:default/api'),
      withSiro('system:default/civil', SYSTEM_SIRO),
      withSiro('domain:default/hmcts'),
    ];
    expect(approvingSiro(lineage)).toEqual({ holders: [] });
    expect(isApprovingSiro(lineage, SYSTEM_SIRO)).toBe(false);
    expect(
      approvingSiro([withSiro('system:default/civil', SYSTEM_SIRO)]),
    ).toEqual({ holders: [] });
  });

  it('looks up parent Domains when the Domain names none', () => {
    const lineage = [
      withSiro('system:default/civil', SYSTEM_SIRO),
      withSiro('domain:default/civil-justice'),
      withSiro('domain:default/hmcts', DOMAIN_SIRO),
    ];
    expect(approvingSiro(lineage).declaredOn).toBe('domain:default/hmcts');
  });

  it.each(['component', 'api', 'resource'])(
    'never counts a SIRO declared on a %s',
    kind => {
      const own = withSiro(`${kind}:default/x`, TEAM_SIRO);
      expect(approvingSiro([own])).toEqual({ holders: [] });
      const lineage = [own, withSiro('domain:default/hmcts', DOMAIN_SIRO)];
      expect(isApprovingSiro(lineage, TEAM_SIRO)).toBe(false);
      expect(isApprovingSiro(lineage, DOMAIN_SIRO)).toBe(true);
    },
  );

  it('reads only declared holders from resolved profiles', () => {
    // A resolved System carries its Domain's SIRO as inherited: that one
    // counts where it is declared, on the Domain, not as the System's.
    const lineage = [
      withSiro('component:default/api', DOMAIN_SIRO, 'domain:default/hmcts'),
      withSiro('system:default/civil', DOMAIN_SIRO, 'domain:default/hmcts'),
    ];
    expect(approvingSiro(lineage)).toEqual({ holders: [] });
    expect(
      approvingSiro([...lineage, withSiro('domain:default/hmcts', DOMAIN_SIRO)])
        .declaredOn,
    ).toBe('domain:default/hmcts');
  });

  it('has nobody for an entity with no System or Domain', () => {
    expect(approvingSiro([withSiro('component:default/lib')])).toEqual({
      holders: [],
    });
    expect(approvingSiro([])).toEqual({ holders: [] });
  });
});
