/*
 * `--portal URL`: the attestations and exceptions people recorded in the
 * portal, read from its API (GET /api/itsec/attestations and /exceptions,
 * with the token in ITSEC_TOKEN), added to each entity's own profile the way
 * the portal adds them, so the CLI scores exactly as the portal does. The
 * members of owning groups the files do not hold come from the profiles of
 * the portal's scorecards (`owningGroups`): the membership the portal used,
 * and which owner Groups it found missing from the catalog. The role holders
 * it found not to be Users in its catalog (`roles`, `missing`) come from the
 * same scorecards and fill no role here either.
 */
import {
  markMissingRoleHolders,
  personalAttestationStatements,
  withPortalRecords,
  type AttestationRecord,
  type ExceptionRecord,
  type OwningGroup,
  type PolicyCatalogue,
  type RoleHolder,
  type SecurityProfile,
} from '@internal/plugin-itsec-common';
import { UnreadableInputError } from './inputs';

/** The portal's records, by lowercase entity ref. */
export interface PortalRecords {
  /** The API's base URL, e.g. https://portal.example/api/itsec. */
  url: string;
  attestations: ReadonlyMap<string, AttestationRecord[]>;
  exceptions: ReadonlyMap<string, ExceptionRecord[]>;
  /** Members of owning groups, by lowercase group ref, as the portal used them. */
  groupMembers: ReadonlyMap<string, string[]>;
  /** Owning groups the portal found missing from its catalog (lowercase refs). */
  missingGroups: ReadonlySet<string>;
  /** Role holders the portal found not to be Users in its catalog (lowercase user refs). */
  missingUsers: ReadonlySet<string>;
}

/** The itsec API of a portal: `URL` itself when it ends in /api/itsec. */
export function itsecApiUrl(portal: string): string {
  let url: URL;
  try {
    url = new URL(portal);
  } catch {
    throw new UnreadableInputError(
      `--portal must be the portal's URL (e.g. https://portal.example.gov.uk), not "${portal}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UnreadableInputError(
      `--portal must be an http or https URL, not "${portal}"`,
    );
  const base = url.href.replace(/\/+$/, '');
  return base.endsWith('/api/itsec') ? base : `${base}/api/itsec`;
}

function byEntity<T extends { entityRef: string }>(items: T[]) {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const ref = item.entityRef.toLocaleLowerCase('en-US');
    const list = out.get(ref);
    if (list) list.push(item);
    else out.set(ref, [item]);
  }
  return out;
}

/** GET `path` of the API as JSON; undefined when it answers 404 and `missing` is allowed. */
async function getJson(
  api: string,
  path: string,
  token: string,
  missing = false,
): Promise<unknown> {
  const url = `${api}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    throw new UnreadableInputError(
      `--portal: cannot reach ${url}: ${cause ?? (e as Error).message}`,
    );
  }
  if (missing && res.status === 404) return undefined;
  if (!res.ok) {
    let detail = '';
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      if (body?.error?.message) detail = `: ${body.error.message}`;
    } catch {
      // not JSON: the status says enough
    }
    const hint =
      res.status === 401 || res.status === 403
        ? ' (is ITSEC_TOKEN a token the portal accepts, with read access to the portfolio?)'
        : '';
    throw new UnreadableInputError(
      `--portal: GET ${url} answered ${res.status}${detail}${hint}`,
    );
  }
  try {
    return await res.json();
  } catch {
    return undefined;
  }
}

async function getItems<T>(
  api: string,
  path: string,
  token: string,
): Promise<T[]> {
  const body = (await getJson(api, path, token)) as { items?: unknown };
  if (!Array.isArray(body?.items))
    throw new UnreadableInputError(
      `--portal: GET ${api}${path} did not answer { items: [...] }; is ${api} the itsec API?`,
    );
  return body.items as T[];
}

/**
 * The owning groups' members in the portal's scorecards of `entityRefs`
 * (entities the portal does not hold yet are skipped), the owning groups
 * it found missing and the role holders it found not to be Users, a few
 * requests at a time.
 */
async function readGroupMembers(
  api: string,
  token: string,
  entityRefs: readonly string[],
): Promise<{
  members: Map<string, string[]>;
  missing: Set<string>;
  missingUsers: Set<string>;
}> {
  const out = new Map<string, string[]>();
  const missing = new Set<string>();
  const missingUsers = new Set<string>();
  const queue = [...entityRefs];
  const worker = async () => {
    for (let ref = queue.shift(); ref; ref = queue.shift()) {
      const [kind, rest] = ref.split(':');
      const [namespace, name] = rest.split('/');
      const path = `/entities/${[kind, namespace, name]
        .map(encodeURIComponent)
        .join('/')}/scorecard`;
      const body = (await getJson(api, path, token, true)) as
        | {
            profile?: {
              owningGroups?: OwningGroup[];
              roles?: Record<string, RoleHolder[] | undefined>;
            };
          }
        | undefined;
      for (const holders of Object.values(body?.profile?.roles ?? {}))
        for (const h of Array.isArray(holders) ? holders : [])
          if (h?.missing === true && typeof h.ref === 'string')
            missingUsers.add(h.ref.toLocaleLowerCase('en-US'));
      for (const g of body?.profile?.owningGroups ?? []) {
        if (!g?.ref) continue;
        if (Array.isArray(g.members)) out.set(g.ref, g.members);
        else if (g.missing === true) missing.add(g.ref);
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { members: out, missing, missingUsers };
}

/**
 * Reads every attestation and exception the portal holds, and from the
 * scorecards of `scorecardsOf` (entities whose owning Group is not among the
 * files, and those that name role holders) the owning groups' members and
 * the role holders the portal found not to be Users.
 *
 * @throws UnreadableInputError when the portal cannot be read
 */
export async function readPortal(
  portal: string,
  token: string,
  scorecardsOf: readonly string[] = [],
): Promise<PortalRecords> {
  const api = itsecApiUrl(portal);
  const [attestations, exceptions, groups] = await Promise.all([
    getItems<AttestationRecord>(api, '/attestations', token),
    getItems<ExceptionRecord>(api, '/exceptions', token),
    readGroupMembers(api, token, scorecardsOf),
  ]);
  return {
    url: api,
    attestations: byEntity(attestations),
    exceptions: byEntity(exceptions),
    groupMembers: groups.members,
    missingGroups: groups.missing,
    missingUsers: groups.missingUsers,
  };
}

/**
 * Adds the portal's records for the entity to its own profile, as the portal
 * does (itsec-common `withPortalRecords`, also used by the backend), and
 * marks the role holders the portal found not to be Users `missing`.
 */
export function withPortalRecordsOf(
  profile: SecurityProfile,
  records: PortalRecords,
  policy: PolicyCatalogue,
): SecurityProfile {
  const missingUsers = records.missingUsers;
  return withPortalRecords(
    missingUsers.size
      ? markMissingRoleHolders(profile, ref => missingUsers.has(ref))
      : profile,
    {
      attestations: records.attestations.get(profile.entityRef),
      exceptions: records.exceptions.get(profile.entityRef),
    },
    personalAttestationStatements(policy),
  );
}
