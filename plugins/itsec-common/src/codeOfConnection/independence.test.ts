import type { Entity } from '@backstage/catalog-model';
import { AS_OF, compliantProfile, deepFreeze } from '../__testUtils__/profiles';
import { entityToProfile } from '../annotations/entityToProfile';
import { evaluate } from '../evaluate/evaluate';
import { resolveProfile } from '../inheritance/resolveProfile';
import { mojIctSecurityPolicy as P } from '../policy';
import type { OwningGroup, SecurityProfile } from '../profile/types';
import { codeOfConnectionApprovalProblems } from './approvals';
import { independenceOf } from './independence';
import { indexGroupMembership, owningGroupsOf } from './membership';

const TEAM = 'group:default/team-a';
const OWN = { inherited: false };
const statusOf = (p: SecurityProfile, id: string) => {
  const r = evaluate(deepFreeze(p), P, { asOf: AS_OF }).results.find(
    x => x.statementId === id,
  )!;
  return { status: r.status, reasons: r.reasons, message: r.message };
};

/**
 * The compliant profile, owned by team-a whose members are `members`
 * (undefined: not known; 'missing': team-a is not in the catalog).
 */
function ownedBy(members: string[] | undefined | 'missing'): SecurityProfile {
  const p = compliantProfile();
  const group: OwningGroup = { ref: TEAM, source: OWN };
  if (members === 'missing') group.missing = true;
  else if (members) group.members = members;
  p.owningGroups = [group];
  return p;
}

describe('independence of the Accreditor and the IAO', () => {
  describe.each([
    ['POL.ITSEC.013', 'accreditor', 'accreditor-not-independent'],
    ['POL.ITSEC.022', 'accreditor', 'accreditor-in-owning-group'],
    ['POL.ITSEC.028', 'accreditor', 'coc-approver-not-independent'],
    ['POL.ITSEC.028', 'iao', 'coc-approver-not-independent'],
  ])('%s and the %s', (statement, role, code) => {
    const person = `user:default/${role}`;
    it.each([
      ['an independent holder', ['user:default/dev'], { status: 'met' }],
      [
        'a member of the owning group',
        [person, 'user:default/dev'],
        {
          status: 'gap',
          reasons: [code],
          message: expect.stringMatching(
            new RegExp(`${person}, a member of ${TEAM} \\(the owner of`),
          ),
        },
      ],
      [
        'an owning group not in the catalog',
        'missing' as const,
        {
          status: 'gap',
          reasons: ['owning-group-not-in-catalog'],
          message: expect.stringMatching(
            new RegExp(
              `${person}, who cannot be shown independent of ${TEAM} \\(the owner of .*\\), a team the catalog does not know`,
            ),
          ),
        },
      ],
      [
        'unknown members (offline)',
        undefined,
        {
          status: 'not-scored',
          reasons: ['independence-unknown'],
          message: expect.stringMatching(/could not be checked/),
        },
      ],
    ])('%s', (_, members, expected) => {
      expect(statusOf(ownedBy(members), statement)).toMatchObject(expected);
    });
  });

  it('counts an approval by someone who is not the role holder as such, not as independent', () => {
    const p = ownedBy(['user:default/dev']);
    p.codesOfConnection[0].approvals!.iao = {
      by: 'user:default/outsider',
      date: '2026-01-22',
    };
    expect(statusOf(p, 'POL.ITSEC.028').reasons).toEqual([
      'coc-approval-not-role-holder',
    ]);
  });

  it('refuses an accreditation decision that names no Accreditor, and one by someone else', () => {
    const none = ownedBy([]);
    delete none.roles.accreditor;
    delete none.records.accreditation!.accreditor;
    expect(statusOf(none, 'POL.ITSEC.013')).toMatchObject({
      status: 'gap',
      reasons: ['accreditor-not-role-holder'],
    });
    const other = ownedBy([]);
    other.records.accreditation!.accreditor = 'user:default/someone';
    expect(statusOf(other, 'POL.ITSEC.013')).toMatchObject({
      status: 'gap',
      reasons: ['accreditor-not-role-holder'],
    });
  });

  it.each([
    ['unknown', undefined],
    ['missing from the catalog', 'missing' as const],
  ])('leaves a gap its own gap when the owning group is %s', (_, members) => {
    const p = ownedBy(members);
    p.records.accreditation!.status = 'in-progress';
    expect(statusOf(p, 'POL.ITSEC.013').reasons).toEqual([
      'accreditation-in-progress',
    ]);
    const q = ownedBy(members);
    q.codesOfConnection[0].status = 'draft';
    expect(statusOf(q, 'POL.ITSEC.028').reasons).toEqual(['coc-not-agreed']);
  });

  it('reports an Accreditor in the team before a missing group, and a missing group before an unknown one', () => {
    const ann = 'user:default/ann';
    const missing: OwningGroup = {
      ref: 'group:default/ghost',
      missing: true,
      source: OWN,
    };
    const unknown: OwningGroup = { ref: 'group:default/x', source: OWN };
    const member: OwningGroup = { ref: TEAM, members: [ann], source: OWN };
    expect(independenceOf(ann, [missing, member])).toEqual({
      status: 'member',
      group: member,
    });
    expect(independenceOf(ann, [unknown, missing])).toEqual({
      status: 'missing',
      group: missing,
    });
    expect(independenceOf(ann, [unknown])).toEqual({
      status: 'unknown',
      group: unknown,
    });
  });

  it('checks nothing when no owner is known (profiles built without membership)', () => {
    expect(statusOf(compliantProfile(), 'POL.ITSEC.028').status).toBe('met');
  });

  it('names the System whose owning group the approver belongs to', () => {
    const groups: OwningGroup[] = [
      { ref: 'group:default/web', members: [], source: OWN },
      {
        ref: TEAM,
        members: ['user:default/iao'],
        source: { inherited: true, from: 'system:default/pay' },
      },
    ];
    const [problem] = codeOfConnectionApprovalProblems(
      { iao: { by: 'user:default/iao', date: '2026-01-01' } },
      { iao: [{ ref: 'user:default/iao', source: OWN }] },
      undefined,
      { entityRef: 'component:default/web', groups },
    );
    expect(problem).toMatchObject({ problem: 'not-independent' });
    expect(problem.message).toBe(
      'the Information Asset Owner approval is by user:default/iao, a member of group:default/team-a (the owner of system:default/pay) and not independent of the team',
    );
  });

  it('finds a member in a known group even when another group is unknown', () => {
    expect(
      independenceOf('User:default/Ann', [
        { ref: 'group:default/x', source: OWN },
        { ref: TEAM, members: ['user:default/ann'], source: OWN },
      ]),
    ).toMatchObject({ status: 'member', group: { ref: TEAM } });
  });
});

const group = (name: string, spec: object, relations?: object[]): Entity =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [], ...spec },
    ...(relations ? { relations } : {}),
  } as Entity);
const user = (name: string, memberOf: string[], relations?: object[]): Entity =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name },
    spec: { memberOf },
    ...(relations ? { relations } : {}),
  } as Entity);

describe('indexGroupMembership', () => {
  // unit > team-a > team-a-leads; ann in unit, bob in team-a, cy in team-a-leads.
  const asWritten = [
    group('unit', { children: ['team-a'] }),
    group('team-a', { parent: 'unit' }),
    group('team-a-leads', { parent: 'team-a' }),
    user('ann', ['unit']),
    user('bob', ['team-a']),
    user('cy', ['group:default/team-a-leads']),
    user('dee', ['elsewhere']),
  ];
  const rel = (type: string, targetRef: string) => ({ type, targetRef });
  // The same organisation as the catalog serves it: relations on the Groups only.
  const asServed = [
    group('unit', {}, [
      rel('hasMember', 'user:default/ann'),
      rel('parentOf', TEAM),
    ]),
    group('team-a', {}, [
      rel('hasMember', 'user:default/bob'),
      rel('childOf', 'group:default/unit'),
      rel('parentOf', 'group:default/team-a-leads'),
    ]),
    group('team-a-leads', {}, [rel('hasMember', 'user:default/cy')]),
  ];

  it.each([
    ['as written in files', asWritten],
    ['as the catalog serves it', asServed],
  ])(
    'reads membership %s: sub-groups count, parent groups do not',
    (_, entities) => {
      const m = indexGroupMembership(entities);
      expect(m.members(TEAM)).toEqual(['user:default/bob', 'user:default/cy']);
      expect(m.members('group:default/unit')).toEqual([
        'user:default/ann',
        'user:default/bob',
        'user:default/cy',
      ]);
      expect(m.members('group:default/elsewhere')).toBeUndefined();
    },
  );

  it('cuts cycles between groups', () => {
    const m = indexGroupMembership([
      group('a', { children: ['b'] }),
      group('b', { children: ['a'] }),
      user('x', ['b']),
    ]);
    expect(m.members('group:default/a')).toEqual(['user:default/x']);
  });

  it.each([
    ['files (not authoritative)', {}, { ref: TEAM, source: OWN }],
    [
      'the catalog (authoritative)',
      { authoritative: true },
      { ref: TEAM, missing: true, source: OWN },
    ],
  ])(
    'gives a User owner as the only member, and a Group absent from %s no members',
    (_, options, absent) => {
      const m = indexGroupMembership([group('other', {})], options);
      expect(owningGroupsOf('user:default/solo', m)).toEqual([
        {
          ref: 'user:default/solo',
          members: ['user:default/solo'],
          source: OWN,
        },
      ]);
      expect(owningGroupsOf(TEAM, m)).toEqual([absent]);
      expect(owningGroupsOf('group:default/other', m)).toEqual([
        { ref: 'group:default/other', members: [], source: OWN },
      ]);
      expect(owningGroupsOf(undefined, m)).toEqual([]);
    },
  );

  it('puts the entity\u2019s and its System\u2019s owners in the resolved profile', () => {
    const entity = (kind: string, name: string, spec: object): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: { name },
      spec,
    });
    const groupMembership = indexGroupMembership(asWritten);
    const system = resolveProfile(
      entityToProfile(entity('System', 'pay', { owner: 'team-a' }), {
        groupMembership,
      }),
      [],
    );
    const component = resolveProfile(
      entityToProfile(
        entity('Component', 'web', { owner: 'unit', system: 'pay' }),
        { groupMembership },
      ),
      [system],
    );
    expect(component.owningGroups).toEqual([
      {
        ref: 'group:default/unit',
        members: ['user:default/ann', 'user:default/bob', 'user:default/cy'],
        source: OWN,
      },
      {
        ref: TEAM,
        members: ['user:default/bob', 'user:default/cy'],
        source: { inherited: true, from: 'system:default/pay' },
      },
    ]);
    expect(
      entityToProfile(entity('System', 'pay', { owner: 'team-a' }))
        .owningGroups,
    ).toBeUndefined();
  });
});
