import {
  PolicyCatalogueError,
  acknowledgesRoles,
  checkGap,
  checkOf,
  checkResult,
  defineCheck,
  emptySecurityProfile,
  evaluate,
  notificationRoles,
  parsePolicyCatalogue,
  parsePolicyCatalogueText,
  reasonArrays,
} from '..';

/*
 * A check added at runtime (as through the itsec backend's extension point),
 * written against the package's public API only.
 */
const REASONS = {
  'iao-is-dr-lead': {
    message: 'One person is both the IAO and the DR lead',
    annotation: 'itsec.justice.gov.uk/role-dr-lead',
    hint: 'Name a DR lead other than the Information Asset Owner',
  },
  'roles-separate': { message: 'The IAO and the DR lead are different people' },
};
const R = reasonArrays(REASONS);

const separateRolesCheck = defineCheck({
  id: 'separate-roles',
  kind: 'record',
  description: 'The IAO is not also the DR lead',
  annotations: [],
  profileFields: ['roles'],
  reasons: REASONS,
  notify: ['iao', 'dr-lead'],
  run(ctx, cs) {
    const iao = new Set(ctx.p.roles.iao?.map(h => h.ref));
    const both = (ctx.p.roles['dr-lead'] ?? []).filter(h => iao.has(h.ref));
    if (both.length > 0)
      return checkGap(
        ctx,
        cs,
        R['iao-is-dr-lead'],
        `${both[0].ref} is both the IAO and the DR lead`,
      );
    return checkResult(
      ctx,
      cs,
      'met',
      R['roles-separate'],
      'Separate',
      [],
      NaN,
    );
  },
});

const POLICY = {
  id: 'team-policy',
  title: 'Team policy',
  version: '1',
  lastReviewed: '2026-03-01',
  sections: [{ id: 'team', title: 'Team' }],
  statements: [
    {
      id: 'TEAM-SEPARATION',
      section: 'team',
      title: 'Duties separated',
      text: 'The IAO does not also lead disaster recovery.',
      kind: 'record',
      check: 'separate-roles',
      evidence: 'Different people named as IAO and DR lead.',
      severity: 'medium',
    },
    {
      id: 'TEAM-ROLES',
      section: 'team',
      title: 'Owners named',
      text: 'The system names its IAO.',
      kind: 'record',
      check: 'roles',
      evidence: 'A named IAO.',
      severity: 'high',
      requiredRoles: [{ role: 'iao' }],
    },
  ],
};

function profileWith(iao: string, drLead: string) {
  const holder = (ref: string) => [{ ref, source: { inherited: false } }];
  return {
    ...emptySecurityProfile('system:default/payments'),
    roles: { iao: holder(iao), 'dr-lead': holder(drLead) },
  };
}

describe('checks added at runtime', () => {
  it('refuses a policy naming a check nobody added, saying which statement and what it may be', () => {
    expect(() => parsePolicyCatalogue(POLICY, 'team.json')).toThrow(
      PolicyCatalogueError,
    );
    expect(() => parsePolicyCatalogue(POLICY, 'team.json')).toThrow(
      /TEAM-SEPARATION statements\[0\]\.check: must be one of .*dr-plan.* for a record statement, got "separate-roles"/,
    );
  });

  it('scores the statements mapped to the added check by it, with its reasons and hints', () => {
    const policy = parsePolicyCatalogue(POLICY, 'team.json', {
      checks: [separateRolesCheck],
    });
    const statusOf = (iao: string, drLead: string) =>
      evaluate(profileWith(iao, drLead), policy, { asOf: '2026-06-15' })
        .results[0];
    expect(statusOf('user:default/ann', 'user:default/bob')).toMatchObject({
      statementId: 'TEAM-SEPARATION',
      status: 'met',
      reasons: ['roles-separate'],
    });
    expect(statusOf('user:default/ann', 'user:default/ann')).toMatchObject({
      statementId: 'TEAM-SEPARATION',
      status: 'gap',
      reasons: ['iao-is-dr-lead'],
      message: 'user:default/ann is both the IAO and the DR lead',
      remediation: {
        annotation: 'itsec.justice.gov.uk/role-dr-lead',
        hint: 'Name a DR lead other than the Information Asset Owner',
      },
    });
  });

  it('takes what follows the check (notified roles, role acknowledgement) from the added check', () => {
    const policy = parsePolicyCatalogueText(
      JSON.stringify(POLICY),
      'team.json',
      { checks: [separateRolesCheck] },
    );
    const [separation, roles] = policy.statements;
    expect(checkOf(separation)).toBe(separateRolesCheck);
    expect(notificationRoles(separation)).toEqual(['iao', 'dr-lead']);
    expect(acknowledgesRoles(separation)).toBe(false);
    expect(checkOf(roles)?.id).toBe('roles');
  });

  it('binds the check to the policy parsed with it only', () => {
    parsePolicyCatalogue(POLICY, 'first.json', {
      checks: [separateRolesCheck],
    });
    expect(() => parsePolicyCatalogue(POLICY, 'second.json')).toThrow(
      /second\.json.*\n.*TEAM-SEPARATION statements\[0\]\.check/,
    );
  });

  it('refuses an added check whose id is already taken', () => {
    const taken = defineCheck({ ...separateRolesCheck, id: 'dr-plan' });
    expect(() =>
      parsePolicyCatalogue(POLICY, 'team.json', { checks: [taken] }),
    ).toThrow("policy checks: 'dr-plan' is already the id of a built-in check");
    expect(() =>
      parsePolicyCatalogue(POLICY, 'team.json', {
        checks: [separateRolesCheck, separateRolesCheck],
      }),
    ).toThrow(
      "policy checks: 'separate-roles' is already the id of an added check",
    );
  });
});
