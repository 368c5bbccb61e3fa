import fs from 'node:fs';
import path from 'node:path';
import { ITSEC_ANNOTATION_SPEC_BY_NAME } from '../../annotations/spec';
import { mojIctSecurityPolicy as P } from '../../policy';
import { ROLE_IDS, SecurityProfile } from '../../profile/types';
import { compliantProfile } from '../../__testUtils__/profiles';
import { evaluate } from '../evaluate';
import { ENGINE_REASONS } from '../sharedReasons';
import {
  acknowledgesRoles,
  CHECK_ANNOTATIONS,
  CHECK_BY_ID,
  CHECKS,
  CHECKS_BY_KIND,
  checkOf,
  notificationRoles,
} from '.';

const ROLE_CODES = new Set(ROLE_IDS.map(r => `${r}-missing`));

describe('the check registry', () => {
  it('lists each check once, under its kind', () => {
    const ids = CHECKS.map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECKS) {
      expect(CHECKS_BY_KIND[c.kind]).toContain(c.id);
      expect(CHECK_BY_ID.get(c.id)).toBe(c);
    }
    expect(Object.values(CHECKS_BY_KIND).flat().sort()).toEqual(
      [...ids].sort(),
    );
    expect(CHECKS_BY_KIND.behaviour).toEqual([]);
  });

  it('gives every check of the default catalogue a definition', () => {
    for (const s of P.statements.filter(x => x.check))
      expect(`${s.id} ${checkOf(s)?.id}`).toBe(`${s.id} ${s.check}`);
  });

  it('keeps check codes apart from the engine\u2019s own', () => {
    const clashes = CHECKS.flatMap(c =>
      Object.keys(c.reasons)
        .filter(
          code =>
            ROLE_CODES.has(code) ||
            (code in ENGINE_REASONS && code !== 'classification-missing'),
        )
        .map(code => `${c.id} ${code}`),
    );
    expect(clashes).toEqual([]);
  });

  it('defines a code two checks share once', () => {
    const seen = new Map<string, unknown>();
    const differing: string[] = [];
    for (const c of CHECKS)
      for (const [code, reason] of Object.entries(c.reasons)) {
        if (seen.has(code) && seen.get(code) !== reason)
          differing.push(`${c.id} ${code}`);
        seen.set(code, reason);
      }
    expect(differing).toEqual([]);
  });

  it('documents every annotation the checks read or point to (docs/annotations.md)', () => {
    const docs = fs.readFileSync(
      path.resolve(__dirname, '../../../../../docs/annotations.md'),
      'utf8',
    );
    const pointed = CHECKS.flatMap(c =>
      Object.values<{ annotation?: string }>(c.reasons).flatMap(r =>
        r.annotation ? [r.annotation] : [],
      ),
    );
    const names = new Set([...CHECK_ANNOTATIONS.keys(), ...pointed]);
    expect(names.size).toBeGreaterThan(40);
    for (const name of names) {
      const spec = ITSEC_ANNOTATION_SPEC_BY_NAME.get(name);
      expect(`${name} ${spec ? 'specified' : 'unknown'}`).toBe(
        `${name} specified`,
      );
      const row = new RegExp(`\\|\\s*\`${spec!.key}\`\\s*\\|`);
      expect(`${spec!.key} ${row.test(docs)}`).toBe(`${spec!.key} true`);
    }
  });
});

/** Profiles that between them give most codes: each record removed, at several dates. */
function variants(): Array<[SecurityProfile, string]> {
  const out: Array<[SecurityProfile, string]> = [];
  const dates = ['2026-06-15', '2027-01-20', '2030-01-01', '2020-01-01'];
  for (const asOf of dates) {
    out.push([compliantProfile(), asOf]);
    const empty = compliantProfile();
    empty.roles = {};
    empty.attestations = [];
    empty.codesOfConnection = [];
    out.push([empty, asOf]);
    for (const key of Object.keys(compliantProfile().records)) {
      const p = compliantProfile();
      delete (p.records as Record<string, unknown>)[key];
      out.push([p, asOf]);
      const q = compliantProfile();
      (q.records as Record<string, unknown>)[key] = {};
      out.push([q, asOf]);
    }
  }
  return out;
}

describe('the reason codes the engine gives', () => {
  const given = new Set<string>();
  for (const [profile, asOf] of variants()) {
    for (const r of evaluate(profile, P, { asOf }).results) {
      const st = P.statements.find(s => s.id === r.statementId)!;
      for (const code of r.reasons) given.add(`${st.id} ${code}`);
    }
  }

  it('are each declared by the statement\u2019s check or the engine', () => {
    expect(given.size).toBeGreaterThan(80);
    const undeclared = [...given].filter(entry => {
      const [id, code] = entry.split(' ');
      const check = checkOf(P.statements.find(s => s.id === id)!);
      return !(
        (check && code in check.reasons) ||
        code in ENGINE_REASONS ||
        ROLE_CODES.has(code)
      );
    });
    expect(undeclared).toEqual([]);
  });

  it('come with the fix hint their check declares', () => {
    for (const [profile, asOf] of variants().slice(0, 12)) {
      for (const r of evaluate(profile, P, { asOf }).results) {
        if (!r.remediation) continue;
        const st = P.statements.find(s => s.id === r.statementId)!;
        const declared = checkOf(st)?.reasons[r.reasons[0]];
        if (!declared?.hint) continue;
        const hint =
          typeof declared.hint === 'function'
            ? declared.hint(st, P)
            : declared.hint;
        expect(r.remediation.hint).toBe(hint);
        expect(r.remediation.annotation).toBe(declared.annotation);
      }
    }
  });
});

describe('statement behaviour keyed by check', () => {
  it('finds the role acknowledgement statement of the default catalogue', () => {
    expect(P.statements.filter(acknowledgesRoles).map(s => s.id)).toEqual([
      'POL.ITSEC.023',
    ]);
  });

  it('notifies the roles the backend notified by statement id', () => {
    const byStatement = Object.fromEntries(
      P.statements.flatMap(s => {
        const roles = notificationRoles(s);
        return roles ? [[s.id, roles]] : [];
      }),
    );
    expect(byStatement).toEqual({
      'POL.ITSEC.013': ['accreditor', 'iao'],
      'POL.ITSEC.014': ['accreditor', 'iao'],
      'POL.ITSEC.023': [
        'business-siro',
        'iao',
        'system-manager',
        'service-provider',
        'accreditor',
        'comso',
        'dr-lead',
      ],
      'POL.ITSEC.028': ['accreditor', 'iao'],
      'POL.ITSEC.034': ['comso'],
      'POL.ITSEC.039': ['iao', 'service-provider'],
      'POL.ITSEC.043': ['dr-lead'],
    });
  });
});
