#!/usr/bin/env node
/* eslint-disable no-console */
// Loads scripts/demo-portal-records.yaml into a running portal through the
// itsec API, each record signed in as the demo persona who makes it (`by`;
// `approvedBy` for an approval): the attestations and exceptions that people
// make in the portal rather than in catalog-info.yaml. Safe to run again on a
// kept database: it skips records that are already there, and sends an
// Idempotency-Key so a retried request does not create a second record.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const baseUrl = process.env.ITSEC_BASE_URL ?? 'http://localhost:7007';
const file = path.resolve(__dirname, 'demo-portal-records.yaml');
const PERSONA_HEADER = 'x-itsec-demo-persona';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Signs in as a demo persona once the catalog knows the User and their
 * groups: a token issued before that carries no group and may write nothing.
 */
async function signInAs(userEntityRef) {
  let last;
  for (let attempt = 0; attempt < 90; attempt++) {
    const res = await fetch(`${baseUrl}/api/auth/demo-personas/refresh`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Requested-With': 'XMLHttpRequest',
        [PERSONA_HEADER]: userEntityRef,
      },
      body: '{}',
    });
    if (res.ok) {
      const { backstageIdentity } = await res.json();
      if (backstageIdentity.identity.ownershipEntityRefs.length > 1) {
        return backstageIdentity.token;
      }
      last = 'the User has no groups yet';
    } else {
      last = `${res.status} ${(await res.text()).slice(0, 300)}`;
      // 403: not a persona (or not development) — waiting will not help.
      if (res.status === 403) break;
    }
    await sleep(2000);
  }
  throw new Error(`could not sign in as ${userEntityRef}: ${last}`);
}

/** One signed-in client per persona. */
function clients() {
  const tokens = new Map();
  return async function as(userEntityRef) {
    if (!userEntityRef) throw new Error('a record names no persona (`by`)');
    if (!tokens.has(userEntityRef)) {
      tokens.set(userEntityRef, signInAs(userEntityRef));
    }
    const token = await tokens.get(userEntityRef);
    return async function call(method, route, body) {
      const headers = { Authorization: `Bearer ${token}` };
      if (body) {
        headers['Content-Type'] = 'application/json';
        // The same request always has the same key, so a retry is replayed.
        headers['Idempotency-Key'] = `demo-seed-${crypto
          .createHash('sha256')
          .update(`${method} ${route} ${JSON.stringify(body)}`)
          .digest('hex')}`;
      }
      const res = await fetch(`${baseUrl}/api/itsec${route}`, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (!res.ok) {
        throw new Error(
          `${method} ${route} as ${userEntityRef}: ${res.status} ${text.slice(
            0,
            300,
          )}`,
        );
      }
      return text ? JSON.parse(text) : undefined;
    };
  };
}

function entityPath(ref) {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `/entities/${kind}/${namespace}/${name}`;
}

function isoDateInDays(days) {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Waits until the scheduled evaluation has scored the entity, then returns its scorecard. */
async function scorecard(call, ref) {
  for (let attempt = 0; attempt < 90; attempt++) {
    try {
      return await call('GET', `${entityPath(ref)}/scorecard`);
    } catch (error) {
      if (!String(error.message).includes(' 404 ')) throw error;
      await sleep(2000);
    }
  }
  throw new Error(`${ref} never appeared in the catalog`);
}

/** Refuses a file that would have someone approve their own request. */
function checkNoSelfApproval(exceptions) {
  for (const item of exceptions) {
    if (item.approvedBy && item.approvedBy === item.by) {
      throw new Error(
        `${file}: the exception for ${item.entityRef} ${item.statementId} is requested and approved by ${item.by}; the approver must be someone else`,
      );
    }
  }
}

async function seed() {
  const records = YAML.parse(fs.readFileSync(file, 'utf8'));
  checkNoSelfApproval(records.exceptions ?? []);
  const as = clients();

  let attested = 0;
  let requested = 0;
  let approved = 0;

  for (const target of records.attestAllGaps ?? []) {
    const call = await as(target.by);
    // Role acknowledgements count only from each role holder (declared in the catalog for the demo).
    const policy = await call('GET', '/policy');
    const personal = new Set(
      policy.statements
        .filter(s => s.check === 'role-acknowledgement')
        .map(s => s.id),
    );
    const card = await scorecard(call, target.entityRef);
    const gaps = card.evaluation.results.filter(
      r =>
        r.status === 'gap' &&
        r.kind === 'attestation' &&
        !personal.has(r.statementId),
    );
    for (const gap of gaps) {
      await call('POST', '/attestations', {
        entityRef: target.entityRef,
        statementId: gap.statementId,
        evidenceLink: target.evidenceLink,
        statement: target.statement,
      });
      attested++;
    }
  }

  for (const item of records.attestations ?? []) {
    const call = await as(item.by);
    const { items } = await call(
      'GET',
      `/attestations?entityRef=${encodeURIComponent(item.entityRef)}`,
    );
    if (items.some(a => a.statementId === item.statementId)) continue;
    await scorecard(call, item.entityRef);
    await call('POST', '/attestations', {
      entityRef: item.entityRef,
      statementId: item.statementId,
      evidenceLink: item.evidenceLink,
      statement: item.statement,
    });
    attested++;
  }

  for (const item of records.exceptions ?? []) {
    const call = await as(item.by);
    const { items } = await call(
      'GET',
      `/exceptions?entityRef=${encodeURIComponent(item.entityRef)}`,
    );
    let exception = items.find(e => e.statementId === item.statementId);
    if (!exception) {
      await scorecard(call, item.entityRef);
      exception = await call('POST', '/exceptions', {
        entityRef: item.entityRef,
        statementId: item.statementId,
        justification: item.justification,
        compensatingControls: item.compensatingControls,
        expiresOn: isoDateInDays(item.expiresInDays),
      });
      requested++;
    }
    // Also finishes an approval that a stopped earlier run left undone.
    if (item.approvedBy && exception.state === 'requested') {
      const approve = await as(item.approvedBy);
      await approve('POST', `/exceptions/${exception.id}/approve`, {
        comment: 'Approved for the demo by the business-group SIRO.',
      });
      approved++;
    }
  }
  return { attested, requested, approved };
}

module.exports = { seed };

if (require.main === module) {
  seed().then(
    ({ attested, requested, approved }) =>
      console.log(
        `Demo records loaded: ${attested} attestations, ${requested} exceptions requested, ${approved} approved.`,
      ),
    error => {
      console.error(`Loading the demo records failed: ${error.message}`);
      process.exit(1);
    },
  );
}
