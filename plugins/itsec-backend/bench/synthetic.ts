import type { Entity } from '@backstage/catalog-model';
import { addDays } from '@internal/plugin-itsec-common';
import { catalogGroup } from '@internal/plugin-itsec-node/testUtils';

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const A = 'itsec.justice.gov.uk/';

/**
 * `count` scored entities: one System per 10, the rest Components, APIs and
 * Resources in them; 10 Domains; one owner group per 50 entities. Evidence
 * dates are spread over the 18 months before `today`, so statuses move
 * between met, due-soon and gap as time passes.
 */
export function syntheticPortfolio(
  count: number,
  today: string,
  seed = 42,
): Entity[] {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const date = () => addDays(today, -Math.floor(rnd() * 540));
  const entities: Entity[] = [];
  const owners = Math.max(1, Math.round(count / 50));
  for (let d = 0; d < 10; d++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: {
        name: `domain-${d}`,
        namespace: 'default',
        annotations: {
          [`${A}classification`]: 'OFFICIAL',
          [`${A}role-business-siro`]: `user:default/siro-${d}`,
          [`${A}role-moj-siro`]: 'user:default/moj-siro',
          [`${A}role-itso`]: 'user:default/itso',
          [`${A}incident-plan`]: `https://docs.example/domain-${d}/incident-plan`,
        },
      },
      spec: { owner: `group:default/domain-team-${d}` },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/domain-team-${d}` },
      ],
    });
  }
  const systems = Math.max(1, Math.round(count / 10));
  for (let s = 0; s < systems; s++) {
    const owner = `group:default/team-${s % owners}`;
    const annotations: Record<string, string> = {
      [`${A}role-iao`]: `user:default/iao-${s % 97}`,
      [`${A}role-system-manager`]: `user:default/manager-${s % 89}`,
      [`${A}role-service-provider`]: `user:default/provider-${s % 13}`,
      [`${A}service-provider-organisation`]: 'Example Digital',
      [`${A}handles-personal-data`]: rnd() < 0.6 ? 'true' : 'false',
      [`${A}uses-cryptography`]: 'true',
      [`${A}uses-hmg-crypto`]: 'false',
    };
    const c = rnd();
    if (c < 0.7) annotations[`${A}classification`] = 'OFFICIAL';
    else if (c < 0.9) annotations[`${A}classification`] = 'OFFICIAL-SENSITIVE';
    else if (c < 0.95) annotations[`${A}classification`] = 'SECRET';
    if (rnd() < 0.8) {
      annotations[
        `${A}security-procedures`
      ] = `https://docs.example/s${s}/syops`;
      annotations[`${A}security-procedures-reviewed`] = date();
    }
    if (rnd() < 0.8) {
      annotations[`${A}risk-assessment`] = `https://docs.example/s${s}/tra`;
      annotations[`${A}risk-assessment-date`] = date();
      annotations[`${A}risk-assessment-method`] = 'NCSC';
      annotations[`${A}risk-assessment-assessor`] = 'user:default/assessor';
    }
    if (rnd() < 0.7) {
      annotations[`${A}bia`] = `https://docs.example/s${s}/bia`;
      annotations[`${A}bia-date`] = date();
      annotations[`${A}bia-impact`] = 'C=IL3, I=IL2, A=IL2';
      annotations[`${A}bia-rto`] = '8h';
      annotations[`${A}bia-rpo`] = '1h';
    }
    if (rnd() < 0.7) {
      annotations[`${A}pia`] = pick(['not-required', 'completed']);
      annotations[`${A}pia-date`] = date();
    }
    if (rnd() < 0.9)
      annotations[
        `${A}change-log`
      ] = `https://github.com/example/s${s}/releases`;
    if (rnd() < 0.7) {
      annotations[`${A}dr-plan`] = `https://docs.example/s${s}/dr`;
      annotations[`${A}dr-plan-rto`] = '4h';
      annotations[`${A}dr-plan-rpo`] = '15m';
      annotations[`${A}dr-plan-last-test`] = `${date()} ${pick([
        'pass',
        'pass',
        'partial',
      ])}`;
      annotations[`${A}role-dr-lead`] = `user:default/manager-${s % 89}`;
    }
    if (rnd() < 0.6) {
      annotations[
        `${A}disposal-procedure`
      ] = `https://docs.example/s${s}/disposal`;
      annotations[`${A}disposal-standard`] = pick([
        'IS5',
        'NCSC secure sanitisation',
      ]);
      annotations[`${A}disposal-approver`] = 'user:default/approver';
      annotations[`${A}disposal-reviewed`] = date();
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: `system-${s}`,
        namespace: 'default',
        title: `System ${s}`,
        annotations,
      },
      spec: { owner, domain: `domain-${s % 10}` },
      relations: [{ type: 'ownedBy', targetRef: owner }],
    });
  }
  for (let i = 0; entities.length < count + 10; i++) {
    const s = i % systems;
    const owner = `group:default/team-${
      rnd() < 0.9 ? s % owners : Math.floor(rnd() * owners)
    }`;
    const kind = pick(['Component', 'Component', 'API', 'Resource']);
    const annotations: Record<string, string> = {};
    if (rnd() < 0.1) annotations[`${A}classification`] = 'OFFICIAL';
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name: `${kind.toLowerCase()}-${i}`,
        namespace: 'default',
        annotations,
      },
      spec: { owner, system: `system-${s}`, type: 'service' },
      relations: [{ type: 'ownedBy', targetRef: owner }],
    });
  }
  return entities;
}

/**
 * `count` Groups as the catalog serves them (members as `hasMember`,
 * sub-groups as `parentOf` relations): the owner teams of
 * {@link syntheticPortfolio} (`team-0` …, 8 members each) under business
 * units of 10 teams, then other teams up to `count`, as in a large
 * organisation whose every Group the evaluation reads for independence.
 */
export function syntheticGroups(count: number, owners: number): Entity[] {
  const group = (name: string, members: string[], children: string[]) =>
    catalogGroup(name, members, children) as Entity;
  const members = (team: string) =>
    Array.from({ length: 8 }, (_, j) => `user:default/${team}-dev-${j}`);
  // One business unit per 10 teams: count = units + teams.
  const units = Math.ceil(count / 11);
  const teams = Array.from(
    { length: count - units },
    (_, i) => `${i < owners ? 'team' : 'other-team'}-${i}`,
  );
  const out: Entity[] = [];
  for (let u = 0; u < units; u++) {
    out.push(group(`unit-${u}`, [], teams.slice(u * 10, u * 10 + 10)));
  }
  for (const team of teams) out.push(group(team, members(team), []));
  return out;
}
