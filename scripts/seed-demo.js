#!/usr/bin/env node
/* eslint-disable no-console */
// Loads scripts/demo-portal-records.yaml into a running portal through the
// itsec API, signed in as the demo user: the attestations and exceptions that
// people make in the portal rather than in catalog-info.yaml. Safe to run twice:
// it skips records that are already there.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const baseUrl = process.env.ITSEC_BASE_URL ?? 'http://localhost:7007';
const file = path.resolve(__dirname, 'demo-portal-records.yaml');

async function call(token, method, route, body) {
  const res = await fetch(`${baseUrl}/api/itsec${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) {
    throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
  }
  return text ? JSON.parse(text) : undefined;
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
async function scorecard(token, ref) {
  for (let attempt = 0; attempt < 90; attempt++) {
    try {
      return await call(token, 'GET', `${entityPath(ref)}/scorecard`);
    } catch (error) {
      if (!String(error.message).includes(' 404 ')) throw error;
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  }
  throw new Error(`${ref} never appeared in the catalog`);
}

/**
 * Signs in as the guest, once the catalog knows the demo user's groups: a
 * token issued before that carries no ITSO membership and may write nothing.
 */
async function signInAsDemoUser() {
  for (let attempt = 0; attempt < 90; attempt++) {
    const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
    const { backstageIdentity } = await res.json();
    if (backstageIdentity.identity.ownershipEntityRefs.length > 1) {
      return backstageIdentity.token;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error('the demo user never appeared in the catalog');
}

async function seed() {
  const records = YAML.parse(fs.readFileSync(file, 'utf8'));
  const token = await signInAsDemoUser();

  let attested = 0;
  let requested = 0;
  const attest = async (entityRef, statementId, evidenceLink, statement) => {
    await call(token, 'POST', '/attestations', {
      entityRef,
      statementId,
      evidenceLink,
      statement,
    });
    attested++;
  };

  // Role acknowledgements count only from each role holder (declared in the catalog for the demo).
  const policy = await call(token, 'GET', '/policy');
  const personal = new Set(
    policy.statements
      .filter(s => s.check === 'role-acknowledgement')
      .map(s => s.id),
  );
  for (const target of records.attestAllGaps ?? []) {
    const card = await scorecard(token, target.entityRef);
    const gaps = card.evaluation.results.filter(
      r =>
        r.status === 'gap' &&
        r.kind === 'attestation' &&
        !personal.has(r.statementId),
    );
    for (const gap of gaps) {
      await attest(
        target.entityRef,
        gap.statementId,
        target.evidenceLink,
        target.statement,
      );
    }
  }

  for (const item of records.attestations ?? []) {
    const { items } = await call(
      token,
      'GET',
      `/attestations?entityRef=${encodeURIComponent(item.entityRef)}`,
    );
    if (items.some(a => a.statementId === item.statementId)) continue;
    await scorecard(token, item.entityRef);
    await attest(item.entityRef, item.statementId, item.evidenceLink, item.statement);
  }

  for (const item of records.exceptions ?? []) {
    const { items } = await call(
      token,
      'GET',
      `/exceptions?entityRef=${encodeURIComponent(item.entityRef)}`,
    );
    if (items.some(e => e.statementId === item.statementId)) continue;
    await scorecard(token, item.entityRef);
    const created = await call(token, 'POST', '/exceptions', {
      entityRef: item.entityRef,
      statementId: item.statementId,
      justification: item.justification,
      compensatingControls: item.compensatingControls,
      expiresOn: isoDateInDays(item.expiresInDays),
    });
    requested++;
    if (item.approve) {
      await call(token, 'POST', `/exceptions/${created.id}/approve`, {
        comment: 'Approved for the demo by the business-group SIRO.',
      });
    }
  }
  return { attested, requested };
}

module.exports = { seed };

if (require.main === module) {
  seed().then(
    ({ attested, requested }) =>
      console.log(`Demo records loaded: ${attested} attestations, ${requested} exceptions.`),
    error => {
      console.error(`Loading the demo records failed: ${error.message}`);
      process.exit(1);
    },
  );
}
