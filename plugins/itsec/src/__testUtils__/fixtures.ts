import type { Entity } from '@backstage/catalog-model';
import {
  entityToProfile,
  evaluate,
  mojIctSecurityPolicy,
  PortfolioPage,
  PortfolioRow,
  PortfolioSummary,
  resolveProfile,
  Scorecard,
  STATEMENT_STATUSES,
  StatementStatus,
  StatusCounts,
  History,
} from '@internal/plugin-itsec-common';

export const AS_OF = '2026-06-15';
export const policy = mojIctSecurityPolicy;

const P = 'itsec.justice.gov.uk/';

export const systemEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'civil-money-claims',
    title: 'Civil Money Claims',
    annotations: {
      [`${P}classification`]: 'OFFICIAL-SENSITIVE',
      [`${P}handles-personal-data`]: 'true',
      [`${P}role-business-siro`]: 'user:default/sarah.whitfield',
      [`${P}role-iao`]: 'thomas.green',
      [`${P}role-system-manager`]: 'oliver.bennett',
      [`${P}role-service-provider`]: 'oliver.bennett',
      [`${P}service-provider-organisation`]: 'HMCTS Digital',
      [`${P}security-procedures`]: 'https://example.justice.gov.uk/cmc/syops',
      [`${P}security-procedures-reviewed`]: '2026-01-03',
      [`${P}dr-plan`]: 'https://example.justice.gov.uk/cmc/dr-plan',
      [`${P}dr-plan-rto`]: '4h',
      [`${P}dr-plan-rpo`]: '15m',
      [`${P}dr-plan-last-test`]: '2024-07-08 pass',
    },
  },
  spec: { owner: 'group:default/cmc-team', domain: 'hmcts' },
};

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'cmc-claim-store',
    namespace: 'default',
    title: 'Money Claims Claim Store',
    annotations: {
      [`${P}change-log`]: 'https://github.com/example/cmc-claim-store/releases',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/cmc-team',
    system: 'civil-money-claims',
  },
};

export const ENTITY_REF = 'component:default/cmc-claim-store';

/** A realistic scorecard built with the real evaluation engine. */
export function makeScorecard(): Scorecard {
  const system = entityToProfile(systemEntity);
  const own = entityToProfile(componentEntity);
  const profile = resolveProfile(own, [system]);
  profile.codesOfConnection = [
    {
      ref: 'codeofconnection:default/cmc-to-card-acquirer',
      counterparty: 'Example Card Acquirer Ltd',
      category: 'third-party',
      status: 'agreed',
      agreedDate: '2025-01-15',
      reviewDue: '2026-01-15',
      direction: 'out',
      classification: 'OFFICIAL',
      personalData: true,
      approvals: {
        accreditor: { by: 'user:default/david.okafor', date: '2025-01-10' },
        itso: { by: 'user:default/priya.shah', date: '2025-01-11' },
      },
      source: { inherited: true, from: 'system:default/civil-money-claims' },
    },
  ];
  const evaluation = evaluate(profile, policy, { asOf: AS_OF });
  return {
    entityRef: ENTITY_REF,
    kind: 'Component',
    title: 'Money Claims Claim Store',
    owner: 'group:default/cmc-team',
    system: 'system:default/civil-money-claims',
    domain: 'domain:default/hmcts',
    classification: profile.classification,
    evaluatedAt: '2026-06-15T03:00:00.000Z',
    evaluation,
    profile,
  };
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(
    STATEMENT_STATUSES.map(s => [s, 0]),
  ) as StatusCounts;
}

export function makeHistory(days = 5): History {
  const points = Array.from({ length: days }, (_, i) => ({
    date: `2026-06-${String(11 + i).padStart(2, '0')}`,
    score: 40 + i * 5,
    counts: { ...emptyCounts(), gap: 12 - i, met: 10 + i },
  }));
  return { points };
}

const SCORED = policy.statements.filter(
  s => s.kind === 'record' || s.kind === 'attestation',
);

/** A synthetic portfolio row; statuses cycle deterministically. */
export function makeRow(
  i: number,
  owner = `group:default/team-${i % 7}`,
): PortfolioRow {
  const cycle: StatementStatus[] = [
    'met',
    'gap',
    'met',
    'due-soon',
    'excepted',
    'not-applicable',
    'met',
  ];
  const statuses: Record<string, StatementStatus> = {};
  const counts = emptyCounts();
  SCORED.forEach((s, j) => {
    const status = cycle[(i + j) % cycle.length];
    statuses[s.id] = status;
    counts[status] += 1;
  });
  return {
    entityRef: `component:default/service-${String(i).padStart(5, '0')}`,
    kind: 'Component',
    title: `Service ${i}`,
    owner,
    system: `system:default/system-${i % 13}`,
    domain: `domain:default/domain-${i % 3}`,
    classification: 'OFFICIAL',
    score: 50 + (i % 50),
    counts,
    statuses,
    evaluatedAt: '2026-06-15T03:00:00.000Z',
  };
}

export function makePortfolioPage(
  total: number,
  offset: number,
  limit: number,
  rowFor: (i: number) => PortfolioRow = makeRow,
): PortfolioPage {
  const items: PortfolioRow[] = [];
  for (let i = offset; i < Math.min(total, offset + limit); i++)
    items.push(rowFor(i));
  return { total, offset, limit, items };
}

export function makeSummary(total: number): PortfolioSummary {
  const counts = {
    ...emptyCounts(),
    met: total * 10,
    gap: total * 4,
    'due-soon': total,
  };
  return {
    total,
    score: total ? 68 : null,
    counts,
    byStatement: SCORED.map((s, j) => ({
      statementId: s.id,
      counts: { ...emptyCounts(), gap: (j * 7) % 11, met: 5 },
    })),
    byOwner: total
      ? [
          {
            owner: 'group:default/cmc-team',
            entities: 3,
            score: 55,
            counts: { ...emptyCounts(), gap: 9 },
          },
          {
            owner: 'group:default/probate-team',
            entities: 2,
            score: 81,
            counts: { ...emptyCounts(), gap: 2 },
          },
        ]
      : [],
  };
}

/** A Backstage error body as the backend sends it. */
export function errorBody(name: string, message: string, statusCode: number) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/' },
    response: { statusCode },
  };
}
