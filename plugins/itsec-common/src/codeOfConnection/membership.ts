import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { parseEntityRefValue } from '../annotations/values';
import type { OwningGroup, ProfileSource } from '../profile/types';

/**
 * Group membership read from Group and User entities.
 *
 * @public
 */
export interface GroupMembership {
  /**
   * The lowercase user refs of the group's members: direct members and the
   * members of its sub-groups (to 8 levels), never those of its parent
   * groups. Undefined when the Group is not among the entities read.
   */
  members(groupRef: string): string[] | undefined;
  /**
   * Whether the Group is known not to exist: the entities read are the whole
   * organisation (the catalog) and it is not among them. Absent or false
   * when membership may be partial (files read offline).
   */
  missing?(groupRef: string): boolean;
}

/**
 * Options for {@link indexGroupMembership}.
 *
 * @public
 */
export interface GroupMembershipOptions {
  /**
   * The entities are every Group of the organisation (the portal reads the
   * whole catalog): a Group not among them does not exist. Leave unset for
   * files, which may hold only part of the organisation.
   */
  authoritative?: boolean;
}

/** Sub-groups below an owning group that are followed; also cuts cycles. */
const MAX_DEPTH = 8;

function add(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function refsOf(value: unknown, kind: string, namespace: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v !== 'string') continue;
    const r = parseEntityRefValue(v, { kind, namespace });
    if (r.ok) out.push(r.value.ref);
  }
  return out;
}

/**
 * The sub-groups a Group names: `spec.children` as written, `parentOf`
 * relations as the catalog serves it (lowercase refs).
 *
 * @public
 */
export function subGroupRefs(group: Entity): string[] {
  const ns = group.metadata?.namespace ?? 'default';
  const spec = (group.spec ?? {}) as Record<string, unknown>;
  const out = refsOf(spec.children, 'group', ns);
  for (const r of group.relations ?? [])
    if (r.type === 'parentOf') out.push(r.targetRef.toLocaleLowerCase('en-US'));
  return out;
}

/**
 * Indexes membership from Group and User entities, as written in files
 * (Group `spec.members`, `spec.children`, `spec.parent`; User
 * `spec.memberOf`) or as the catalog serves them (relations `hasMember`,
 * `memberOf`, `parentOf`, `childOf`). Other entities are ignored. Both give
 * the same answer for the same entities, so the CLI reading files and the
 * portal reading the catalog agree. With `authoritative`, a Group not among
 * the entities is `missing`.
 *
 * @public
 */
export function indexGroupMembership(
  entities: Iterable<Entity>,
  options: GroupMembershipOptions = {},
): GroupMembership {
  const authoritative = options.authoritative === true;
  const groups = new Set<string>();
  const direct = new Map<string, Set<string>>();
  const children = new Map<string, Set<string>>();
  for (const e of entities) {
    const kind = String(e.kind ?? '').toLocaleLowerCase('en-US');
    if (kind !== 'group' && kind !== 'user') continue;
    const ns = e.metadata?.namespace ?? 'default';
    const self = stringifyEntityRef({
      kind,
      namespace: ns,
      name: String(e.metadata?.name ?? ''),
    }).toLocaleLowerCase('en-US');
    const spec = (e.spec ?? {}) as Record<string, unknown>;
    const relations = e.relations ?? [];
    if (kind === 'group') {
      groups.add(self);
      for (const m of refsOf(spec.members, 'user', ns)) add(direct, self, m);
      for (const c of subGroupRefs(e)) add(children, self, c);
      for (const p of refsOf(spec.parent, 'group', ns)) add(children, p, self);
      for (const r of relations) {
        const target = r.targetRef.toLocaleLowerCase('en-US');
        if (r.type === 'hasMember') add(direct, self, target);
        else if (r.type === 'childOf') add(children, target, self);
      }
    } else {
      for (const g of refsOf(spec.memberOf, 'group', ns)) add(direct, g, self);
      for (const r of relations)
        if (r.type === 'memberOf')
          add(direct, r.targetRef.toLocaleLowerCase('en-US'), self);
    }
  }
  return {
    members(groupRef) {
      const root = groupRef.toLocaleLowerCase('en-US');
      if (!groups.has(root)) return undefined;
      const out = new Set<string>();
      const seen = new Set([root]);
      let frontier = [root];
      for (let depth = 0; depth <= MAX_DEPTH && frontier.length; depth++) {
        const next: string[] = [];
        for (const g of frontier) {
          // A sub-group that is not among the entities has no known members.
          if (!groups.has(g)) continue;
          for (const m of direct.get(g) ?? []) out.add(m);
          for (const c of children.get(g) ?? [])
            if (!seen.has(c)) {
              seen.add(c);
              next.push(c);
            }
        }
        frontier = next;
      }
      return [...out].sort();
    },
    missing: groupRef =>
      authoritative && !groups.has(groupRef.toLocaleLowerCase('en-US')),
  };
}

/**
 * An entity's own owning group (`ownerRef`, lowercase, as `entityOwnerRef`
 * gives it) with its members: a User who owns the entity directly is its only
 * member; a Group's members come from `membership` (unknown without it, or
 * when the Group is not there; `missing` when `membership` knows it does not
 * exist). Empty when the entity has no owner.
 *
 * @public
 */
export function owningGroupsOf(
  ownerRef: string | undefined,
  membership: GroupMembership | undefined,
  source: ProfileSource = { inherited: false },
): OwningGroup[] {
  const ref = ownerRef?.toLocaleLowerCase('en-US');
  if (!ref) return [];
  if (ref.startsWith('user:')) return [{ ref, members: [ref], source }];
  const members = membership?.members(ref);
  if (members) return [{ ref, members, source }];
  return [
    membership?.missing?.(ref)
      ? { ref, missing: true, source }
      : { ref, source },
  ];
}
