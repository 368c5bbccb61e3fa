import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  AttestationRecord,
  ExceptionRecord,
} from '@internal/plugin-itsec-common';
import { completeExamples, itsecAsync } from './__testUtils__/itsec';

/*
 * `itsec evaluate --portal URL`: the attestations and exceptions come from
 * the portal's API. Here a local stand-in serves GET /api/itsec/attestations
 * and /exceptions in the backend's shapes (AttestationRecord,
 * ExceptionRecord); plugins/itsec-backend's cliAgreement test runs the CLI
 * against a real test backend.
 */

jest.setTimeout(60_000);

const DIR = completeExamples();
const AS_OF = '2026-04-01';
const SYSTEM = 'system:default/civil-money-claims';
const TOKEN = 'a-portal-token';

const attestation = (
  over: Partial<AttestationRecord> & { statementId: string },
): AttestationRecord => ({
  id: `att-${over.statementId}-${over.attestedBy ?? 'x'}`,
  entityRef: SYSTEM,
  evidenceLink: 'https://evidence.example/cmc',
  statement: 'checked',
  attestedBy: 'user:default/thomas.green',
  attestedOn: '2026-02-01',
  validUntil: '2027-02-01',
  createdAt: '2026-02-01T10:00:00Z',
  ...over,
});

const ATTESTATIONS: AttestationRecord[] = [
  attestation({ statementId: 'POL.ITSEC.005' }),
  // An older one for the same statement does not count over the newer.
  attestation({
    statementId: 'POL.ITSEC.005',
    attestedOn: '2024-01-01',
    validUntil: '2025-01-01',
  }),
  // The role holders who did not sign on paper acknowledge in the portal.
  attestation({
    statementId: 'POL.ITSEC.023',
    attestedBy: 'user:default/sarah.whitfield',
  }),
  attestation({
    statementId: 'POL.ITSEC.023',
    attestedBy: 'user:default/oliver.bennett',
  }),
];

const exception = (
  over: Partial<ExceptionRecord> & { statementId: string },
): ExceptionRecord => ({
  id: `exc-${over.statementId}`,
  entityRef: SYSTEM,
  justification: 'The connection is being replaced',
  compensatingControls: 'Monitored',
  requestedBy: 'user:default/oliver.bennett',
  requestedAt: '2026-01-10T09:00:00Z',
  expiresOn: '2026-12-31',
  state: 'approved',
  decidedBy: 'user:default/sarah.whitfield',
  decidedAt: '2026-01-12T09:00:00Z',
  ...over,
});

const EXCEPTIONS: ExceptionRecord[] = [
  exception({ statementId: 'POL.ITSEC.028' }),
  exception({ statementId: 'POL.ITSEC.010', state: 'rejected' }),
];

let server: http.Server;
let base: string;
const requests: { url: string; authorization?: string }[] = [];
let answer: { status: number; body: unknown } | undefined;
let owningGroups: unknown[] | undefined;
let roles: unknown | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (answer) return send(answer.status, answer.body);
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return send(401, {
        error: { name: 'AuthenticationError', message: 'Missing credentials' },
      });
    if (req.url === '/api/itsec/attestations')
      return send(200, { items: ATTESTATIONS });
    if (req.url === '/api/itsec/exceptions')
      return send(200, { items: EXCEPTIONS });
    // The membership the portal used, on its scorecards' profiles.
    if ((owningGroups || roles) && req.url?.endsWith('/scorecard'))
      return send(200, { profile: { owningGroups, roles } });
    return send(404, { error: { name: 'NotFoundError', message: 'no route' } });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fs.rmSync(DIR, { recursive: true, force: true });
  await new Promise(resolve => server.close(resolve));
});
beforeEach(() => {
  requests.length = 0;
  answer = undefined;
  owningGroups = undefined;
  roles = undefined;
});

const evaluate = (portal: string, env: Record<string, string | undefined>) =>
  itsecAsync(
    ['evaluate', '.', '--as-of', AS_OF, '--format', 'json', '--portal', portal],
    DIR,
    env,
  );

function results(stdout: string, ref: string) {
  const entity = JSON.parse(stdout).entities.find(
    (e: any) => e.entityRef === ref,
  );
  return {
    score: entity.score,
    byId: new Map<string, string>(
      entity.results.map((x: any) => [
        x.statement,
        `${x.status} ${x.reasons.join(',')}`,
      ]),
    ),
  };
}

describe('itsec evaluate --portal', () => {
  it('scores with the portal\u2019s attestations and exceptions', async () => {
    const r = await evaluate(base, { ITSEC_TOKEN: TOKEN });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).portal).toBe(`${base}/api/itsec`);
    // The files hold no Group: the owning team's members come from the
    // scorecards (this portal has none of these entities yet).
    expect(requests.map(x => x.url).sort()).toEqual([
      '/api/itsec/attestations',
      '/api/itsec/entities/api/default/cmc-claims-api/scorecard',
      '/api/itsec/entities/component/default/cmc-claim-store/scorecard',
      '/api/itsec/entities/resource/default/cmc-claims-db/scorecard',
      '/api/itsec/entities/system/default/civil-money-claims/scorecard',
      '/api/itsec/exceptions',
    ]);
    for (const x of requests) expect(x.authorization).toBe(`Bearer ${TOKEN}`);

    const system = results(r.stdout, SYSTEM);
    expect(system.byId.get('POL.ITSEC.005')).toBe('met attestation-in-date');
    // Paper acknowledgements and the portal's together.
    expect(system.byId.get('POL.ITSEC.023')).toBe('met roles-acknowledged');
    expect(system.byId.get('POL.ITSEC.028')).toBe(
      'excepted coc-missing,exception-approved',
    );
    // A rejected exception does not count; with the portal read, an
    // attestation it does not hold is a gap, as in the portal.
    expect(system.byId.get('POL.ITSEC.010')).toBe('gap attestation-missing');
    for (const status of system.byId.values())
      expect(status).not.toMatch(/attested-in-portal/);

    // The Component inherits the System's attestations and exceptions; its own
    // second system manager has not acknowledged.
    const component = results(r.stdout, 'component:default/cmc-claim-store');
    expect(component.byId.get('POL.ITSEC.005')).toBe('met attestation-in-date');
    expect(component.byId.get('POL.ITSEC.028')).toBe(
      'excepted coc-missing,exception-approved',
    );
    expect(component.byId.get('POL.ITSEC.023')).toMatch(
      /^gap role-not-acknowledged/,
    );

    const table = await itsecAsync(
      ['evaluate', '.', '--as-of', AS_OF, '--portal', `${base}/api/itsec/`],
      DIR,
      { ITSEC_TOKEN: TOKEN },
    );
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      `Scored with the attestations and exceptions recorded in the portal (${base}/api/itsec).`,
    );
  });

  /** The owner Group as the portal's scorecard gives it, with `members`. */
  const team = (members: string[]) => [
    {
      ref: 'group:default/civil-money-claims-team',
      members,
      source: { inherited: false },
    },
  ];
  /** The system's 013 and 022 as `itsec evaluate --portal` scores them. */
  const statuses = async () => {
    const r = await evaluate(base, { ITSEC_TOKEN: TOKEN });
    expect(r.stderr).toBe('');
    const system = results(r.stdout, SYSTEM);
    return ['POL.ITSEC.013', 'POL.ITSEC.022'].map(
      id => `${id} ${system.byId.get(id)}`,
    );
  };

  it('checks the Accreditor\u2019s independence with the membership the portal used', async () => {
    expect(await statuses()).toEqual([
      'POL.ITSEC.013 not-scored independence-unknown',
      'POL.ITSEC.022 not-scored independence-unknown',
    ]);
    owningGroups = team(['user:default/oliver.bennett']);
    expect(await statuses()).toEqual([
      'POL.ITSEC.013 met accredited',
      'POL.ITSEC.022 met roles-named',
    ]);
    owningGroups = team(['user:default/david.okafor']);
    expect(await statuses()).toEqual([
      'POL.ITSEC.013 gap accreditor-not-independent',
      'POL.ITSEC.022 gap accreditor-in-owning-group',
    ]);
    // The portal's catalog has no such Group: a gap, as in the portal.
    owningGroups = [
      {
        ref: 'group:default/civil-money-claims-team',
        missing: true,
        source: { inherited: false },
      },
    ];
    expect(await statuses()).toEqual([
      'POL.ITSEC.013 gap owning-group-not-in-catalog',
      'POL.ITSEC.022 gap owning-group-not-in-catalog',
    ]);
  });

  it('takes no role from a holder the portal found not to be a User, as the portal does', async () => {
    // An Accreditor outside the team counts ...
    owningGroups = team(['user:default/oliver.bennett']);
    expect(await statuses()).toEqual([
      'POL.ITSEC.013 met accredited',
      'POL.ITSEC.022 met roles-named',
    ]);
    // ... unless the portal's catalog has no such User.
    roles = {
      accreditor: [
        {
          ref: 'user:default/david.okafor',
          missing: true,
          source: { inherited: false },
        },
      ],
    };
    expect(await statuses()).toEqual([
      'POL.ITSEC.013 gap role-holder-not-in-catalog',
      'POL.ITSEC.022 gap accreditor-missing,role-holder-not-in-catalog',
    ]);
  });

  it('needs a token, and says what the portal answered', async () => {
    const noToken = await evaluate(base, { ITSEC_TOKEN: undefined });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toBe(
      'itsec evaluate: --portal needs a token in the environment variable ITSEC_TOKEN\n',
    );
    expect(requests).toEqual([]);

    const wrong = await evaluate(base, { ITSEC_TOKEN: 'wrong' });
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(
      /^itsec evaluate: --portal: GET http:\/\/127\.0\.0\.1:\d+\/api\/itsec\/(attestations|exceptions) answered 401: Missing credentials \(is ITSEC_TOKEN a token the portal accepts/,
    );

    answer = { status: 200, body: '<html>sign in</html>' };
    const notApi = await evaluate(base, { ITSEC_TOKEN: TOKEN });
    expect(notApi.code).toBe(2);
    expect(notApi.stderr).toMatch(/did not answer \{ items: \[\.\.\.\] \}/);

    const bad = await evaluate('portal.example', { ITSEC_TOKEN: TOKEN });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--portal must be the portal's URL/);

    const closed = await evaluate('http://127.0.0.1:1', { ITSEC_TOKEN: TOKEN });
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(
      /--portal: cannot reach http:\/\/127\.0\.0\.1:1\/api\/itsec\//,
    );
  });
});
