import {
  ExceptionRecord,
  SecurityProfile,
  mojIctSecurityPolicy,
} from '@internal/plugin-itsec-common';
import type { StoredResultWithProfile } from '../database/types';
import { listMyScorecards, listMyTasks, MyWorkSources } from './myWork';

const IAO = 'user:default/thomas.green';
const SIRO = 'user:default/sarah.whitfield';
const OWNER = 'user:default/olivia.owner';
const AS_OF = '2026-06-15';

function profile(
  entityRef: string,
  extra: Partial<SecurityProfile> = {},
): SecurityProfile {
  return {
    entityRef,
    kind: entityRef.split(':')[0],
    roles: {},
    flags: {},
    records: {},
    codesOfConnection: [],
    attestations: [],
    exceptions: [],
    ...extra,
  };
}

function row(p: SecurityProfile, owner?: string): StoredResultWithProfile {
  return {
    entityRef: p.entityRef,
    kind: p.kind,
    title: p.entityRef.split('/')[1],
    ...(owner ? { owner } : {}),
    sensitive: false,
    score: null,
    gaps: 0,
    statuses: '',
    policyKey: 'moj@1',
    asOf: AS_OF,
    evaluatedAt: `${AS_OF}T00:00:00Z`,
    hash: '',
    profile: p,
  };
}

const own = { inherited: false };

/** civil: owned by team-a, IAO thomas.green, a risk assessment falling due in 10 days. */
const civil = profile('system:default/civil', {
  roles: { iao: [{ ref: IAO, source: own }] },
  flags: { accreditationApplies: true },
  records: {
    riskAssessment: {
      date: '2025-06-25',
      method: 'IS1',
      assessor: 'user:default/alex.assessor',
      link: 'https://example.justice.gov.uk/ra',
    },
  },
});
/** payments: IAO thomas.green, who acknowledged the role last month. */
const payments = profile('component:default/payments', {
  roles: { iao: [{ ref: IAO, source: own }] },
  attestations: [
    {
      statementId: 'POL.ITSEC.023',
      attestedBy: IAO,
      attestedOn: '2026-05-01',
    },
  ],
});
/** secret: IAO thomas.green, but he may not see it. */
const hidden = profile('system:default/hidden', {
  roles: { iao: [{ ref: IAO, source: own }] },
});
const other = profile('system:default/other');

const requested: ExceptionRecord = {
  id: 'ex-1',
  entityRef: 'system:default/civil',
  statementId: 'POL.ITSEC.043',
  justification: 'Test booked',
  compensatingControls: 'Backups',
  requestedBy: OWNER,
  requestedAt: '2026-06-10T09:00:00Z',
  expiresOn: '2026-12-31',
  state: 'requested',
};

function sources(
  overrides: Partial<MyWorkSources> = {},
): MyWorkSources & { decideAsked: ExceptionRecord[][] } {
  const decideAsked: ExceptionRecord[][] = [];
  return {
    policy: mojIctSecurityPolicy,
    dueSoonWindow: 'P30D',
    asOf: AS_OF,
    results: async () => [
      row(civil, 'group:default/team-a'),
      row(payments, 'group:default/team-b'),
      row(hidden, 'group:default/team-b'),
      row(other, 'group:default/team-c'),
    ],
    titles: async refs =>
      new Map(refs.map(ref => [ref, ref.split('/')[1]] as const)),
    visible: async refs =>
      new Set(refs.filter(r => r !== 'system:default/hidden')),
    requestedExceptions: async () => [requested],
    mayDecide: async exceptions => {
      decideAsked.push(exceptions);
      return new Set(exceptions.map(e => e.id));
    },
    decideAsked,
    ...overrides,
  };
}

describe('listMyScorecards', () => {
  it('lists what my groups own and where I hold a role, worst first, only what I may see', async () => {
    const items = await listMyScorecards(sources(), {
      userEntityRef: IAO,
      ownershipEntityRefs: [IAO, 'group:default/team-a'],
    });
    expect(items.map(i => i.entityRef).sort()).toEqual([
      'component:default/payments',
      'system:default/civil',
    ]);
    // Worst first.
    expect(items[0].score!).toBeLessThan(items[1].score!);
    const byRef = Object.fromEntries(items.map(i => [i.entityRef, i]));
    const civilCard = byRef['system:default/civil'];
    expect(civilCard.relations).toEqual(['owner', 'iao']);
    expect(byRef['component:default/payments'].relations).toEqual(['iao']);
    expect(civilCard.gaps).toBeGreaterThan(0);
    expect(civilCard.firstGap?.statementId).toMatch(/^POL\.ITSEC\./);
    expect(civilCard.nextDue).toEqual({
      date: '2026-06-25',
      statementId: 'POL.ITSEC.014',
      title: expect.any(String),
    });
  });

  it('is empty for someone who owns nothing and holds no role', async () => {
    expect(
      await listMyScorecards(sources(), {
        userEntityRef: 'user:default/nobody',
        ownershipEntityRefs: ['group:default/team-z'],
      }),
    ).toEqual([]);
  });
});

describe('listMyTasks', () => {
  it("gives a role holder the roles they have not acknowledged and their evidence falling due, not others' exceptions", async () => {
    const tasks = await listMyTasks(
      sources({ mayDecide: async () => new Set() }),
      { userEntityRef: IAO, ownershipEntityRefs: [IAO] },
    );
    const acks = tasks.filter(t => t.type === 'acknowledge-role');
    // payments was acknowledged; hidden may not be seen.
    expect(acks.map(t => t.entityRef)).toEqual(['system:default/civil']);
    expect(acks[0]).toMatchObject({
      roles: ['iao'],
      statementId: 'POL.ITSEC.023',
    });
    const due = tasks.filter(t => t.type === 'evidence-due');
    expect(due).toContainEqual(
      expect.objectContaining({
        entityRef: 'system:default/civil',
        statementId: 'POL.ITSEC.014',
        due: '2026-06-25',
      }),
    );
    expect(tasks.some(t => t.type === 'decide-exception')).toBe(false);
  });

  it('asks again for an acknowledgement that lapses within the window', async () => {
    const lapsing = profile('system:default/civil', {
      roles: { iao: [{ ref: IAO, source: own }] },
      attestations: [
        {
          statementId: 'POL.ITSEC.023',
          attestedBy: IAO,
          attestedOn: '2025-07-01',
        },
      ],
    });
    const tasks = await listMyTasks(
      sources({ results: async () => [row(lapsing)] }),
      { userEntityRef: IAO, ownershipEntityRefs: [IAO] },
    );
    expect(tasks.find(t => t.type === 'acknowledge-role')).toMatchObject({
      due: '2026-07-01',
    });
  });

  it('gives the approving SIRO the requested exceptions the permission policy lets them decide', async () => {
    const src = sources();
    const tasks = await listMyTasks(src, {
      userEntityRef: SIRO,
      ownershipEntityRefs: [SIRO, 'group:default/hmcts-digital'],
    });
    expect(tasks).toEqual([
      {
        type: 'decide-exception',
        entityRef: 'system:default/civil',
        title: 'civil',
        exception: requested,
      },
    ]);
    expect(src.decideAsked).toEqual([[requested]]);
  });

  it('never asks the requester to decide their own exception, nor about entities they may not see', async () => {
    const src = sources({
      requestedExceptions: async () => [
        requested,
        { ...requested, id: 'ex-2', entityRef: 'system:default/hidden' },
      ],
    });
    const tasks = await listMyTasks(src, {
      userEntityRef: OWNER,
      ownershipEntityRefs: [OWNER],
    });
    expect(tasks.filter(t => t.type === 'decide-exception')).toEqual([]);
    const siroTasks = await listMyTasks(src, {
      userEntityRef: SIRO,
      ownershipEntityRefs: [SIRO],
    });
    expect(
      siroTasks.flatMap(t =>
        t.type === 'decide-exception' ? [t.exception.id] : [],
      ),
    ).toEqual(['ex-1']);
  });

  it('lists an agreed Code of Connection whose review falls due', async () => {
    const withCoc = profile('system:default/civil', {
      roles: { iao: [{ ref: IAO, source: own }] },
      flags: { hasExternalConnections: true },
      codesOfConnection: [
        {
          ref: 'CoC-1',
          counterparty: 'system:default/dwp',
          status: 'agreed',
          agreedDate: '2025-07-01',
        },
      ],
    });
    const tasks = await listMyTasks(
      sources({ results: async () => [row(withCoc)] }),
      { userEntityRef: IAO, ownershipEntityRefs: [IAO] },
    );
    expect(tasks.find(t => t.type === 'connection-review')).toMatchObject({
      entityRef: 'system:default/civil',
      statementId: 'POL.ITSEC.028',
      due: '2026-07-01',
      overdue: false,
    });
  });
});
