import type { Entity } from '@backstage/catalog-model';

/** People in the tests, and the groups they belong to. */
export const OWNER = 'user:default/olivia.owner';
export const STRANGER = 'user:default/sam.stranger';
export const ITSO = 'user:default/ida.itso';
export const SIRO = 'user:default/sarah.whitfield';
export const OTHER_SIRO = 'user:default/gareth.evans';
/** A business-group SIRO who is also in the owner group team-a. */
export const TEAM_SIRO = 'user:default/tess.teamsiro';

export const memberships: Record<string, string[]> = {
  [OWNER]: ['group:default/team-a'],
  [STRANGER]: ['group:default/team-b'],
  [ITSO]: ['group:default/itso'],
  [SIRO]: ['group:default/hmcts-digital'],
  [OTHER_SIRO]: ['group:default/hmpps-digital'],
  [TEAM_SIRO]: ['group:default/team-a'],
};

const A = 'itsec.justice.gov.uk/';

export function entity(
  kind: string,
  name: string,
  spec: Record<string, string>,
  annotations: Record<string, string> = {},
  title?: string,
): Entity {
  const owner = spec.owner;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(title ? { title } : {}),
      annotations: Object.fromEntries(
        Object.entries(annotations).map(([k, v]) => [`${A}${k}`, v]),
      ),
    },
    spec,
    relations: owner
      ? [
          {
            type: 'ownedBy',
            targetRef: owner.includes(':') ? owner : `group:default/${owner}`,
          },
        ]
      : [],
  };
}

/**
 * A small portfolio: the HMCTS domain (business-group SIRO sarah.whitfield)
 * with the civil system owned by team-a and two components, and the HMPPS
 * domain (SIRO gareth.evans) with a prison system owned by team-b.
 */
export function fixtureEntities(): Entity[] {
  return [
    entity(
      'Domain',
      'hmcts',
      { owner: 'group:default/hmcts-digital' },
      {
        classification: 'OFFICIAL',
        'role-business-siro': SIRO,
        'role-moj-siro': 'user:default/jonathan.hale',
        'role-itso': ITSO,
        'incident-plan': 'https://docs.example/hmcts/incident-plan',
      },
    ),
    entity(
      'System',
      'civil',
      { owner: 'group:default/team-a', domain: 'hmcts' },
      {
        classification: 'OFFICIAL-SENSITIVE',
        'role-iao': 'user:default/thomas.green',
        'role-system-manager': 'user:default/oliver.bennett',
        'role-service-provider': 'user:default/oliver.bennett',
        'service-provider-organisation': 'HMCTS Digital',
        'security-procedures': 'https://docs.example/civil/syops',
        'security-procedures-reviewed': '2026-05-14',
        'risk-assessment': 'https://docs.example/civil/tra',
        'risk-assessment-date': '2026-06-10',
        'risk-assessment-method': 'NCSC',
        'risk-assessment-assessor': 'user:default/helen.pritchard',
        'change-log': 'https://github.com/example/civil/releases',
        'dr-plan': 'https://docs.example/civil/dr',
        'dr-plan-rto': '4h',
        'dr-plan-rpo': '15m',
        'dr-plan-last-test': '2025-09-17 pass',
      },
      'Civil Money Claims',
    ),
    entity(
      'Component',
      'civil-api',
      { owner: 'group:default/team-a', system: 'civil', type: 'service' },
      {},
      'Civil API',
    ),
    entity(
      'Component',
      'civil-frontend',
      { owner: 'group:default/team-a', system: 'civil', type: 'website' },
      { classification: 'OFFICIAL' },
    ),
    entity(
      'Domain',
      'hmpps',
      { owner: 'group:default/hmpps-digital' },
      { classification: 'OFFICIAL', 'role-business-siro': OTHER_SIRO },
    ),
    entity(
      'System',
      'prison',
      { owner: 'group:default/team-b', domain: 'hmpps' },
      { 'role-iao': 'user:default/someone' },
      'Prison Records',
    ),
    entity('Component', 'unclassified', {
      owner: 'group:default/team-b',
      type: 'library',
    }),
  ];
}

export const SCORED_REFS = [
  'system:default/civil',
  'component:default/civil-api',
  'component:default/civil-frontend',
  'system:default/prison',
  'component:default/unclassified',
];
