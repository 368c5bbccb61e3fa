import type { Entity } from '@backstage/catalog-model';
import {
  evaluate,
  indexCodesOfConnection,
  indexGroupMembership,
  mojIctSecurityPolicy,
} from '@internal/plugin-itsec-common';
import { entity, STRANGER } from '../__testUtils__/fixtures';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import {
  FixedClock,
  catalogGroup,
} from '@internal/plugin-itsec-node/testUtils';
import { ProfileResolver } from './profiles';

jest.setTimeout(60_000);

/*
 * A Code of Connection counts for a system only when the system's owner or
 * the ITSO group owns it; its ITSO approval only from a member of the ITSO
 * group (read from the catalog) or the role-itso its Domain declares.
 */

function coc(name: string, owner: string, itsoApprover: string): Entity {
  return {
    apiVersion: 'itsec.justice.gov.uk/v1alpha1',
    kind: 'CodeOfConnection',
    metadata: { name, namespace: 'default' },
    spec: {
      system: 'system:default/civil',
      counterparty: { organisation: 'Example Bank plc' },
      category: 'third-party',
      direction: 'out',
      dataShared: 'Payment references',
      personalData: false,
      classification: 'OFFICIAL',
      approvals: {
        accreditor: { by: 'user:default/ann.accreditor', date: '2026-01-10' },
        itso: { by: itsoApprover, date: '2026-01-11' },
        iao: { by: 'user:default/thomas.green', date: '2026-01-12' },
      },
      status: 'agreed',
      agreedDate: '2026-01-20',
      owner,
    },
  };
}

const civil = entity(
  'System',
  'civil',
  { owner: 'group:default/team-a' },
  {
    classification: 'OFFICIAL',
    'has-external-connections': 'true',
    'role-iao': 'user:default/thomas.green',
    'role-accreditor': 'user:default/ann.accreditor',
  },
);
const group = (name: string, members: string[], children: string[] = []) =>
  catalogGroup(name, members, children) as Entity;
const itsoGroup: Entity = group('itso', ['user:default/ida.itso']);
const NO_RECORDS = { attestations: new Map(), exceptions: new Map() };

/** The backend on the catalog of `entities`, after its scheduled evaluation on 2026-06-01. */
async function startEvaluated(entities: Entity[]): Promise<ItsecTestBackend> {
  const backend = await startItsecTestBackend({
    clock: new FixedClock('2026-06-01T09:00:00Z'),
    manualTasks: true,
    itsec: {
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
    },
    entities,
  });
  await backend.evaluate();
  return backend;
}

function result028(
  entities: Entity[],
  organisation?: { itsoGroup: string; itsoGroupMembers?: string[] },
) {
  const resolver = new ProfileResolver(
    entities,
    indexCodesOfConnection(entities),
    NO_RECORDS,
    undefined,
    organisation,
  );
  const profile = resolver.profile('system:default/civil')!;
  return {
    profile,
    r: evaluate(profile, mojIctSecurityPolicy, {
      asOf: '2026-06-01',
    }).results.find(x => x.statementId === 'POL.ITSEC.028')!,
  };
}

describe('Codes of Connection in the profiles the backend builds', () => {
  const ITSO_ORG = {
    itsoGroup: 'group:default/itso',
    itsoGroupMembers: ['user:default/ida.itso'],
  };

  it('counts one owned by the system owner and approved by the role holders and an ITSO group member', () => {
    const { profile, r } = result028(
      [civil, coc('civil-to-bank', 'team-a', 'user:default/ida.itso')],
      ITSO_ORG,
    );
    expect(profile.codesOfConnection.map(c => c.ref)).toEqual([
      'codeofconnection:default/civil-to-bank',
    ]);
    expect(profile.itsoGroupMembers).toEqual(['user:default/ida.itso']);
    expect(r).toMatchObject({ status: 'met', reasons: ['cocs-agreed'] });
  });

  it('ignores one owned by another team', () => {
    const { profile, r } = result028(
      [civil, coc('civil-to-bank', 'team-b', 'user:default/ida.itso')],
      ITSO_ORG,
    );
    expect(profile.codesOfConnection).toEqual([]);
    expect(r).toMatchObject({ status: 'gap', reasons: ['coc-missing'] });
    // The ITSO group may own it.
    expect(
      result028(
        [
          civil,
          coc('civil-to-bank', 'group:default/itso', 'user:default/ida.itso'),
        ],
        ITSO_ORG,
      ).r.status,
    ).toBe('met');
  });

  it('takes the ITSO approval only from a member of the ITSO group (or the Domain\u2019s role-itso)', () => {
    const entities = [
      civil,
      coc('civil-to-bank', 'team-a', 'user:default/ida.itso'),
    ];
    // Group unknown: only a Domain's role-itso counts.
    expect(
      result028(entities, { itsoGroup: 'group:default/itso' }).r,
    ).toMatchObject({
      status: 'gap',
      reasons: ['coc-approval-not-role-holder'],
    });
    expect(
      result028(entities, {
        itsoGroup: 'group:default/itso',
        itsoGroupMembers: ['user:default/someone.else'],
      }).r.message,
    ).toContain(
      'the ITSO approval is by user:default/ida.itso, who is neither a member of the ITSO group nor the ITSO declared on the Domain (none named)',
    );
  });
});

describe('the scheduled evaluation reads the ITSO group from the catalog', () => {
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await startEvaluated([
      civil,
      itsoGroup,
      group('team-a', ['user:default/olivia.owner']),
      coc('civil-to-bank', 'team-a', 'user:default/ida.itso'),
      coc('civil-to-printer', 'team-b', 'user:default/mallory'),
    ]);
  });

  afterAll(async () => backend?.stop());

  it('scores POL.ITSEC.028 met with the ITSO group member\u2019s approval, ignoring the other team\u2019s agreement', async () => {
    const res = await backend.get(
      '/entities/system/default/civil/scorecard',
      STRANGER,
    );
    expect(res.status).toBe(200);
    expect(res.body.profile.codesOfConnection.map((c: any) => c.ref)).toEqual([
      'codeofconnection:default/civil-to-bank',
    ]);
    expect(
      res.body.evaluation.results.find(
        (x: any) => x.statementId === 'POL.ITSEC.028',
      ),
    ).toMatchObject({ status: 'met', reasons: ['cocs-agreed'] });
  });
});

describe('the Accreditor\u2019s and IAO\u2019s independence of the owning team, from the catalog\u2019s Groups', () => {
  const IAO = 'user:default/thomas.green';
  const ITSO_ORG = {
    itsoGroup: 'group:default/itso',
    itsoGroupMembers: ['user:default/ida.itso'],
  };
  const entities = [
    civil,
    coc('civil-to-bank', 'team-a', 'user:default/ida.itso'),
  ];

  it.each([
    [
      'a team outside the IAO',
      [group('team-a', ['user:default/dev'])],
      'met',
      'cocs-agreed',
    ],
    [
      'the IAO in a sub-group of the team',
      [group('team-a', [], ['team-a-leads']), group('team-a-leads', [IAO])],
      'gap',
      'coc-approver-not-independent',
    ],
    [
      'the IAO in the business unit above the team',
      [group('unit', [IAO], ['team-a']), group('team-a', ['user:default/dev'])],
      'met',
      'cocs-agreed',
    ],
    [
      'the owning Group not in the catalog',
      [group('team-b', [])],
      'gap',
      'owning-group-not-in-catalog',
    ],
  ])('%s', (_, groups, status, reason) => {
    const resolver = new ProfileResolver(
      [...entities, ...groups],
      indexCodesOfConnection(entities),
      NO_RECORDS,
      undefined,
      {
        ...ITSO_ORG,
        // As the evaluator reads them: every Group in the catalog.
        groupMembership: indexGroupMembership(groups, { authoritative: true }),
      },
    );
    const r = evaluate(
      resolver.profile('system:default/civil')!,
      mojIctSecurityPolicy,
      { asOf: '2026-06-01' },
    ).results.find(x => x.statementId === 'POL.ITSEC.028')!;
    expect(r).toMatchObject({ status, reasons: [reason] });
  });
});

describe('the scheduled evaluation reads the owning groups\u2019 members from the catalog', () => {
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await startEvaluated([
      civil,
      itsoGroup,
      // The team names one of its own as IAO.
      group('team-a', [
        'user:default/olivia.owner',
        'user:default/thomas.green',
      ]),
      coc('civil-to-bank', 'team-a', 'user:default/ida.itso'),
    ]);
  });

  afterAll(async () => backend?.stop());

  it('refuses the IAO approval of a team member, and shows the membership it used', async () => {
    const res = await backend.get(
      '/entities/system/default/civil/scorecard',
      STRANGER,
    );
    expect(res.status).toBe(200);
    expect(res.body.profile.owningGroups).toEqual([
      {
        ref: 'group:default/team-a',
        members: ['user:default/olivia.owner', 'user:default/thomas.green'],
        source: { inherited: false },
      },
    ]);
    const r = res.body.evaluation.results.find(
      (x: any) => x.statementId === 'POL.ITSEC.028',
    );
    expect(r).toMatchObject({
      status: 'gap',
      reasons: ['coc-approver-not-independent'],
    });
    expect(r.message).toContain(
      'the Information Asset Owner approval is by user:default/thomas.green, a member of group:default/team-a (the owner of system:default/civil)',
    );
  });
});

/** A System's scorecard as a stranger reads it, with its results by statement. */
async function systemScorecard(backend: ItsecTestBackend, name: string) {
  const res = await backend.get(
    `/entities/system/default/${name}/scorecard`,
    STRANGER,
  );
  expect(res.status).toBe(200);
  const byId = (id: string) =>
    res.body.evaluation.results.find((x: any) => x.statementId === id);
  return { body: res.body, byId };
}

/**
 * An accredited System owned by `owner` whose Accreditor is `accreditor`, with
 * the other roles POL.ITSEC.022 requires held outside the team.
 */
function accreditedSystem(name: string, owner: string, accreditor: string) {
  return entity(
    'System',
    name,
    { owner },
    {
      classification: 'OFFICIAL',
      'role-accreditor': accreditor,
      'role-business-siro': 'user:default/sarah.whitfield',
      'role-iao': 'user:default/thomas.green',
      'role-system-manager': 'user:default/oliver.bennett',
      'role-service-provider': 'user:default/kirsty.campbell',
      'role-dr-lead': 'user:default/dee.dr',
      'accreditation-status': 'accredited',
      'accreditation-date': '2026-01-15',
      'accreditation-expiry': '2027-01-15',
    },
  );
}

describe('an owner Group that is not in the catalog does not raise the score', () => {
  const ACCREDITOR = 'user:default/ann.accreditor';
  /** An accredited System whose Accreditor is ann, owned by `owner`. */
  const accredited = (name: string, owner: string) =>
    accreditedSystem(name, owner, ACCREDITOR);
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await startEvaluated([
      itsoGroup,
      // The same system twice: owned by its real team, which the
      // Accreditor is in, and pointed at a Group that does not exist.
      group('team-a', [ACCREDITOR, 'user:default/dev']),
      accredited('in-team', 'group:default/team-a'),
      accredited('no-team', 'group:default/no-such-team'),
    ]);
  });

  afterAll(async () => backend?.stop());

  const scorecard = (name: string) => systemScorecard(backend, name);

  it('gives POL.ITSEC.013 and 022 a gap naming the missing Group, and a score no higher than the team\u2019s own', async () => {
    const missing = await scorecard('no-team');
    expect(missing.body.profile.owningGroups).toEqual([
      {
        ref: 'group:default/no-such-team',
        missing: true,
        source: { inherited: false },
      },
    ]);
    for (const id of ['POL.ITSEC.013', 'POL.ITSEC.022'])
      expect(missing.byId(id)).toMatchObject({
        status: 'gap',
        reasons: ['owning-group-not-in-catalog'],
        message: expect.stringContaining(
          `${ACCREDITOR}, who cannot be shown independent of group:default/no-such-team (the owner of system:default/no-team), a team the catalog does not know`,
        ),
      });

    const inTeam = await scorecard('in-team');
    expect(inTeam.byId('POL.ITSEC.013')).toMatchObject({
      status: 'gap',
      reasons: ['accreditor-not-independent'],
    });
    expect(inTeam.byId('POL.ITSEC.022')).toMatchObject({
      status: 'gap',
      reasons: ['accreditor-in-owning-group'],
    });
    expect(missing.body.evaluation.summary.scored).toBe(
      inTeam.body.evaluation.summary.scored,
    );
    expect(missing.body.evaluation.summary.score).toBeLessThanOrEqual(
      inTeam.body.evaluation.summary.score,
    );
  });
});

describe('a role holder who is not a User in the catalog does not count', () => {
  const user = (name: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf: [] },
  });
  const REAL = 'user:default/ann.accreditor';
  const MADE_UP = 'user:default/independent.accreditor';
  const PEOPLE = [
    'ann.accreditor',
    'sarah.whitfield',
    'thomas.green',
    'oliver.bennett',
    'kirsty.campbell',
    'dee.dr',
    'dev',
    'ida.itso',
  ];
  /** An accredited System of team-a whose Accreditor is `accreditor`. */
  const accredited = (name: string, accreditor: string) =>
    accreditedSystem(name, 'group:default/team-a', accreditor);
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await startEvaluated([
      itsoGroup,
      ...PEOPLE.map(user),
      // The real Accreditor is in the team: not independent. The made-up
      // one is in no Group, so would pass independence if counted.
      group('team-a', [REAL, 'user:default/dev']),
      accredited('in-team', REAL),
      accredited('made-up', MADE_UP),
    ]);
  });

  afterAll(async () => backend?.stop());

  const scorecard = (name: string) => systemScorecard(backend, name);

  it('is marked missing in the stored profile; 013 and 022 are gaps naming them; the score is no higher than the team\u2019s own Accreditor\u2019s', async () => {
    const madeUp = await scorecard('made-up');
    expect(madeUp.body.profile.roles.accreditor).toEqual([
      { ref: MADE_UP, missing: true, source: { inherited: false } },
    ]);
    expect(madeUp.body.profile.roles.iao[0]).not.toHaveProperty('missing');
    expect(madeUp.byId('POL.ITSEC.022')).toMatchObject({
      status: 'gap',
      reasons: ['accreditor-missing', 'role-holder-not-in-catalog'],
      message: expect.stringContaining(
        `the Accreditor named, ${MADE_UP}, is not a User in the catalog`,
      ),
    });
    expect(madeUp.byId('POL.ITSEC.013')).toMatchObject({
      status: 'gap',
      reasons: ['role-holder-not-in-catalog'],
      message: expect.stringContaining(
        `${MADE_UP}, who is not a User in the catalog`,
      ),
    });

    const inTeam = await scorecard('in-team');
    expect(inTeam.body.profile.roles.accreditor[0]).not.toHaveProperty(
      'missing',
    );
    expect(inTeam.byId('POL.ITSEC.022')).toMatchObject({
      status: 'gap',
      reasons: ['accreditor-in-owning-group'],
    });
    expect(madeUp.body.evaluation.summary.scored).toBe(
      inTeam.body.evaluation.summary.scored,
    );
    expect(madeUp.body.evaluation.summary.score).toBeLessThanOrEqual(
      inTeam.body.evaluation.summary.score,
    );
  });
});
