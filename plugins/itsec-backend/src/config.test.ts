import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mojIctSecurityPolicy } from '@internal/plugin-itsec-common';
import { readItsecBackendConfig } from './config';

const POLICY_YAML = `# A team's own policy: YAML, like the CLI's --policy
id: acme-policy
title: Acme Security Policy
version: 2
lastReviewed: 2026-01-01
sections:
  - id: s1
    title: Section one
statements:
  - id: ACME.DR
    section: s1
    title: DR tested
    text: Systems must have a tested DR plan.
    kind: record
    check: dr-plan
    evidence: DR plan tested within 6 months
    validity: P6M
    severity: high
`;

describe('readItsecBackendConfig: itsec.policyFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = (policyFile?: string) =>
    readItsecBackendConfig(
      new ConfigReader(policyFile ? { itsec: { policyFile } } : {}),
    );

  it('uses the MoJ ICT Security Policy without a policy file', () => {
    expect(read().policy).toBe(mojIctSecurityPolicy);
  });

  it('reads a YAML policy file', () => {
    const file = path.join(dir, 'policy.yaml');
    fs.writeFileSync(file, POLICY_YAML);
    const { policy } = read(file);
    expect(policy).toMatchObject({
      id: 'acme-policy',
      version: '2',
      lastReviewed: '2026-01-01',
    });
    expect(policy.statements.map(s => `${s.id} ${s.check}`)).toEqual([
      'ACME.DR dr-plan',
    ]);
  });

  it('reads a JSON policy file', () => {
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ ...mojIctSecurityPolicy, id: 'json-policy' }),
    );
    expect(read(file).policy.id).toBe('json-policy');
  });

  it('names the file and the field of an invalid policy', () => {
    const file = path.join(dir, 'policy.yaml');
    fs.writeFileSync(file, POLICY_YAML.replace('P6M', 'six months'));
    expect(() => read(file)).toThrow(
      `Invalid policy catalogue ${file}: 1 problem\n  - ACME.DR statements[0].validity: must be an ISO 8601 duration`,
    );
  });

  it('names the file when it is neither JSON nor YAML', () => {
    const file = path.join(dir, 'policy.yaml');
    fs.writeFileSync(file, '{ "id": "x",');
    expect(() => read(file)).toThrow(
      `Invalid policy catalogue ${file}: 1 problem\n  - (root): not valid JSON or YAML:`,
    );
  });
});
