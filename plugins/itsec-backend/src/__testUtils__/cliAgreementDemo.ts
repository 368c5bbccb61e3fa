import fs from 'node:fs';
import path from 'node:path';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { TestMemberships } from '@internal/plugin-itsec-node/testUtils';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import type { ItsecTestBackend } from './backend';

/*
 * The demo as `npm start` runs it, for a test backend: the catalog files the
 * app-config's locations load, the itsec config, the memberships the personas
 * sign in with, and the records scripts/seed-demo.js makes in the portal.
 */

/** The repository root. */
export const REPO = path.resolve(__dirname, '../../../..');
/** The demo backend's working directory: app-config paths are relative to it. */
const BACKEND_DIR = path.join(REPO, 'packages/backend');

function appConfig(): any {
  return parseYaml(fs.readFileSync(path.join(REPO, 'app-config.yaml'), 'utf8'));
}

/** Every entity of a file, read as the catalog's file reader reads it. */
function entitiesIn(file: string): Entity[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => {
      if (doc.errors.length > 0)
        throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS() as Entity | null;
    })
    .filter((e): e is Entity => e !== null);
}

/**
 * The files the demo catalog loads: each `type: file` location of
 * app-config.yaml, and the targets of every Location entity in them, in the
 * order the catalog reaches them.
 */
export function demoCatalogFiles(): string[] {
  const files: string[] = [];
  const visit = (file: string) => {
    if (files.includes(file)) return;
    files.push(file);
    for (const e of entitiesIn(file)) {
      if (e.kind !== 'Location') continue;
      const spec = (e.spec ?? {}) as { target?: string; targets?: string[] };
      for (const target of [
        ...(spec.target ? [spec.target] : []),
        ...(spec.targets ?? []),
      ])
        visit(path.resolve(path.dirname(file), target));
    }
  };
  for (const location of appConfig().catalog.locations) {
    if (location.type !== 'file')
      throw new Error(`demo location of type ${location.type}: not a file`);
    visit(path.resolve(BACKEND_DIR, location.target));
  }
  return files;
}

const ref = (value: string, kind: string, namespace: string) =>
  stringifyEntityRef(
    parseEntityRef(value, { defaultKind: kind, defaultNamespace: namespace }),
  ).toLocaleLowerCase('en-US');

/**
 * The demo's entities as the catalog serves them, with the relations the
 * itsec backend reads: `ownedBy` from `spec.owner`, and `memberOf` /
 * `hasMember` from each User's `spec.memberOf` (the ITSO group's members).
 */
export function demoEntities(files: string[]): Entity[] {
  const entities = files.flatMap(entitiesIn).map(e => ({
    ...e,
    metadata: { namespace: 'default', ...e.metadata },
    relations: [] as NonNullable<Entity['relations']>,
  }));
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  for (const e of entities) {
    const ns = e.metadata.namespace;
    const self = stringifyEntityRef(e).toLocaleLowerCase('en-US');
    const spec = (e.spec ?? {}) as { owner?: unknown; memberOf?: unknown };
    if (typeof spec.owner === 'string') {
      e.relations.push({
        type: 'ownedBy',
        targetRef: ref(spec.owner, 'group', ns),
      });
    }
    if (e.kind === 'User' && Array.isArray(spec.memberOf)) {
      for (const group of spec.memberOf.map(g => ref(g, 'group', ns))) {
        e.relations.push({ type: 'memberOf', targetRef: group });
        byRef
          .get(group)
          ?.relations.push({ type: 'hasMember', targetRef: self });
      }
    }
  }
  return entities;
}

/**
 * Who each demo User signs in as: themselves and the groups their catalog
 * entity is a member of (signInWithCatalogUser's ownership refs).
 */
export function demoMemberships(entities: Entity[]): TestMemberships {
  const out: TestMemberships = {};
  for (const e of entities) {
    if (e.kind !== 'User') continue;
    out[stringifyEntityRef(e).toLocaleLowerCase('en-US')] = (e.relations ?? [])
      .filter(r => r.type === 'memberOf')
      .map(r => r.targetRef);
  }
  return out;
}

/**
 * The demo's `itsec` config, without what changes no score: `notifications`
 * (they need the notifications backend) and `demo` (its invented history).
 */
export function demoItsecConfig(): JsonObject {
  const {
    notifications: _notifications,
    demo: _demo,
    ...itsec
  } = appConfig().itsec;
  return itsec;
}

/** What {@link seedDemoRecords} recorded. */
export interface SeededRecords {
  attestations: string[];
  exceptions: string[];
  approvals: string[];
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Records scripts/demo-portal-records.yaml in the portal as scripts/seed-demo.js
 * does, each as its persona through the HTTP API; exceptions expire counted
 * from `today`. Fails on any refused write.
 */
export async function seedDemoRecords(
  backend: ItsecTestBackend,
  today: string,
): Promise<SeededRecords> {
  const records = parseYaml(
    fs.readFileSync(
      path.join(REPO, 'scripts/demo-portal-records.yaml'),
      'utf8',
    ),
  );
  const seeded: SeededRecords = {
    attestations: [],
    exceptions: [],
    approvals: [],
  };
  const expectStatus = (res: any, status: number, what: string) => {
    if (res.status !== status)
      throw new Error(`${what}: ${res.status} ${res.text}`);
    return res.body;
  };
  const attest = async (
    by: string,
    item: {
      entityRef: string;
      statementId: string;
      evidenceLink: string;
      statement: string;
    },
  ) => {
    const { entityRef, statementId, evidenceLink, statement } = item;
    expectStatus(
      await backend.post(
        '/attestations',
        { entityRef, statementId, evidenceLink, statement },
        by,
      ),
      201,
      `${by} attests ${entityRef} ${statementId}`,
    );
    seeded.attestations.push(`${entityRef} ${statementId}`);
  };

  for (const target of records.attestAllGaps ?? []) {
    const policy = expectStatus(
      await backend.get('/policy', target.by),
      200,
      'policy',
    );
    // Role acknowledgements count only from each role holder.
    const personal = new Set(
      policy.statements
        .filter((s: any) => s.check === 'role-acknowledgement')
        .map((s: any) => s.id),
    );
    const [kind, rest] = target.entityRef.split(':');
    const [namespace, name] = rest.split('/');
    const card = expectStatus(
      await backend.get(
        `/entities/${kind}/${namespace}/${name}/scorecard`,
        target.by,
      ),
      200,
      `scorecard of ${target.entityRef}`,
    );
    for (const gap of card.evaluation.results) {
      if (
        gap.status === 'gap' &&
        gap.kind === 'attestation' &&
        !personal.has(gap.statementId)
      )
        await attest(target.by, { ...target, statementId: gap.statementId });
    }
  }
  for (const item of records.attestations ?? []) await attest(item.by, item);
  for (const item of records.exceptions ?? []) {
    const exception = expectStatus(
      await backend.post(
        '/exceptions',
        {
          entityRef: item.entityRef,
          statementId: item.statementId,
          justification: item.justification,
          compensatingControls: item.compensatingControls,
          expiresOn: addDays(today, item.expiresInDays),
        },
        item.by,
      ),
      201,
      `${item.by} requests an exception for ${item.entityRef} ${item.statementId}`,
    );
    seeded.exceptions.push(`${item.entityRef} ${item.statementId}`);
    if (item.approvedBy) {
      expectStatus(
        await backend.post(
          `/exceptions/${exception.id}/approve`,
          { comment: 'Approved for the demo by the business-group SIRO.' },
          item.approvedBy,
        ),
        200,
        `${item.approvedBy} approves ${item.entityRef} ${item.statementId}`,
      );
      seeded.approvals.push(`${item.entityRef} ${item.statementId}`);
    }
  }
  return seeded;
}
