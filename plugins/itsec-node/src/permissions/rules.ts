import {
  CreatePermissionRuleOptions,
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import type { PermissionRuleParams } from '@backstage/plugin-permission-common';
import {
  ITSEC_ENTITY_RESOURCE_TYPE,
  ROLE_IDS,
  RoleId,
  SecurityProfile,
  SiroLineageProfile,
  isApprovingSiro,
} from '@internal/plugin-itsec-common';

/**
 * An entity as the permission rules see it (resource type 'itsec-entity').
 *
 * @public
 */
export interface ItsecEntityResource {
  entityRef: string;
  /** The owner's entity ref, in lowercase: IS_ENTITY_OWNER compares the claims lowercased to it. */
  owner?: string;
  /** The resolved security profile: roles include those inherited from its System and Domain. */
  profile: SecurityProfile;
  /** The entity's and its ancestors' roles, nearest first: who approves its exceptions. */
  lineage: SiroLineageProfile[];
}

/**
 * Conditions are only ever applied to loaded resources: there is no query form.
 *
 * @public
 */
export type ItsecEntityQuery = never;

/**
 * The itsec entity resource: a catalog entity with its owner and resolved
 * security profile (roles included, inherited from its System and Domain).
 *
 * @public
 */
export const itsecEntityResourceRef = createPermissionResourceRef<
  ItsecEntityResource,
  ItsecEntityQuery
>().with({
  pluginId: 'itsec',
  resourceType: ITSEC_ENTITY_RESOURCE_TYPE,
});

function lower(values: readonly string[]): Set<string> {
  return new Set(values.map(v => v.toLocaleLowerCase('en-US')));
}

/** JSON-schema-described params without a schema library: a Standard Schema by hand. */
function paramsSchema<T extends PermissionRuleParams>(
  jsonSchema: Record<string, unknown>,
  check: (value: unknown) => value is T,
): NonNullable<
  CreatePermissionRuleOptions<typeof itsecEntityResourceRef, T>['paramsSchema']
> {
  return {
    '~standard': {
      version: 1 as const,
      vendor: 'itsec',
      validate: (value: unknown) =>
        check(value)
          ? { value }
          : {
              issues: [{ message: `invalid params: ${JSON.stringify(value)}` }],
            },
      jsonSchema: {
        input: () => jsonSchema,
        output: () => jsonSchema,
      },
    },
  } as NonNullable<
    CreatePermissionRuleOptions<
      typeof itsecEntityResourceRef,
      T
    >['paramsSchema']
  >;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every(x => typeof x === 'string');
}

/**
 * Allows when the entity's owner is one of `claims` (the user's ownership refs).
 *
 * @public
 */
export const isEntityOwner = createPermissionRule({
  name: 'IS_ENTITY_OWNER',
  description: 'Allow when the entity is owned by one of the given claims',
  resourceRef: itsecEntityResourceRef,
  paramsSchema: paramsSchema<{ claims: string[] }>(
    {
      type: 'object',
      properties: {
        claims: {
          type: 'array',
          items: { type: 'string' },
          description: 'Ownership entity refs of the user',
        },
      },
      required: ['claims'],
      additionalProperties: false,
    },
    (v): v is { claims: string[] } =>
      typeof v === 'object' && v !== null && isStringArray((v as any).claims),
  ),
  apply: (resource, { claims }) =>
    Boolean(resource.owner) && lower(claims).has(resource.owner!),
  toQuery: () => {
    throw new Error('IS_ENTITY_OWNER has no query form');
  },
});

/**
 * Allows when one of `claims` holds `role` for the entity, as resolved
 * (e.g. the business-group SIRO inherited from its System or Domain).
 *
 * @public
 */
export const hasSecurityRole = createPermissionRule({
  name: 'HAS_SECURITY_ROLE',
  description:
    'Allow when one of the given claims holds the security role for the entity (own or inherited)',
  resourceRef: itsecEntityResourceRef,
  paramsSchema: paramsSchema<{ role: RoleId; claims: string[] }>(
    {
      type: 'object',
      properties: {
        role: { type: 'string', enum: [...ROLE_IDS] },
        claims: { type: 'array', items: { type: 'string' } },
      },
      required: ['role', 'claims'],
      additionalProperties: false,
    },
    (v): v is { role: RoleId; claims: string[] } =>
      typeof v === 'object' &&
      v !== null &&
      (ROLE_IDS as readonly string[]).includes((v as any).role) &&
      isStringArray((v as any).claims),
  ),
  apply: (resource, { role, claims }) => {
    const holders = resource.profile.roles[role] ?? [];
    const wanted = lower(claims);
    return holders.some(h => wanted.has(h.ref.toLocaleLowerCase('en-US')));
  },
  toQuery: () => {
    throw new Error('HAS_SECURITY_ROLE has no query form');
  },
});

/**
 * Allows when `userRef` is the business-group SIRO who approves the entity's
 * exceptions: declared on its Domain (or a parent Domain); never one named on
 * a System, Component, API or Resource, and nobody when no Domain names one
 * (see `approvingSiro`).
 *
 * @public
 */
export const isApprovingSiroRule = createPermissionRule({
  name: 'IS_APPROVING_SIRO',
  description:
    "Allow when the user is the business-group SIRO declared on the entity's Domain (or, when the Domain declares none, a parent Domain)",
  resourceRef: itsecEntityResourceRef,
  paramsSchema: paramsSchema<{ userRef: string }>(
    {
      type: 'object',
      properties: {
        userRef: { type: 'string', description: 'User entity ref' },
      },
      required: ['userRef'],
      additionalProperties: false,
    },
    (v): v is { userRef: string } =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as any).userRef === 'string',
  ),
  apply: (resource, { userRef }) =>
    isApprovingSiro(resource.lineage ?? [], userRef),
  toQuery: () => {
    throw new Error('IS_APPROVING_SIRO has no query form');
  },
});

/**
 * Allows when one of `claims` holds any security role for the entity, as
 * resolved (own or inherited): who may acknowledge a role.
 *
 * @public
 */
export const isSecurityRoleHolder = createPermissionRule({
  name: 'IS_SECURITY_ROLE_HOLDER',
  description:
    'Allow when one of the given claims holds any security role for the entity (own or inherited)',
  resourceRef: itsecEntityResourceRef,
  paramsSchema: paramsSchema<{ claims: string[] }>(
    {
      type: 'object',
      properties: {
        claims: { type: 'array', items: { type: 'string' } },
      },
      required: ['claims'],
      additionalProperties: false,
    },
    (v): v is { claims: string[] } =>
      typeof v === 'object' && v !== null && isStringArray((v as any).claims),
  ),
  apply: (resource, { claims }) => {
    const wanted = lower(claims);
    return ROLE_IDS.some(role =>
      (resource.profile.roles[role] ?? []).some(h =>
        wanted.has(h.ref.toLocaleLowerCase('en-US')),
      ),
    );
  },
  toQuery: () => {
    throw new Error('IS_SECURITY_ROLE_HOLDER has no query form');
  },
});

/**
 * The itsec permission rules, for the permissions registry and for
 * {@link itsecConditions}.
 *
 * @public
 */
export const itsecPermissionRules = {
  isEntityOwner,
  hasSecurityRole,
  isSecurityRoleHolder,
  isApprovingSiro: isApprovingSiroRule,
};

const conditionExports = createConditionExports({
  resourceRef: itsecEntityResourceRef,
  rules: itsecPermissionRules,
});

/**
 * Condition factories for permission policies: `itsecConditions.isEntityOwner({ claims })`,
 * `itsecConditions.hasSecurityRole({ role: 'business-siro', claims })`,
 * `itsecConditions.isSecurityRoleHolder({ claims })`,
 * `itsecConditions.isApprovingSiro({ userRef })`.
 *
 * @public
 */
export const itsecConditions = conditionExports.conditions;

/**
 * Wraps itsec conditions in a conditional decision for an 'itsec-entity' permission.
 *
 * @public
 */
export const createItsecConditionalDecision =
  conditionExports.createConditionalDecision;
