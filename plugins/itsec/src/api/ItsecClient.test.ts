import { http, HttpResponse } from 'msw';
import { setupTestServer } from '../__testUtils__/msw';
import { mockApis, MockFetchApi } from '@backstage/test-utils';
import { ItsecClient } from './ItsecClient';
import { errorBody, policy } from '../__testUtils__/fixtures';

const BASE = 'http://localhost:7007/api/itsec';
const server = setupTestServer();

function client() {
  return new ItsecClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: new MockFetchApi(),
  });
}

describe('ItsecClient', () => {
  it('builds entity paths from refs and encodes them', async () => {
    let url = '';
    server.use(
      http.get(
        `${BASE}/entities/:kind/:namespace/:name/scorecard`,
        ({ request }) => {
          url = request.url;
          return HttpResponse.json({});
        },
      ),
    );
    await client().getScorecard('Component:default/My Service');
    expect(url).toBe(
      `${BASE}/entities/component/default/my%20service/scorecard`,
    );
  });

  it('sends array filters as repeated query parameters', async () => {
    let search = new URLSearchParams();
    server.use(
      http.get(`${BASE}/portfolio`, ({ request }) => {
        search = new URL(request.url).searchParams;
        return HttpResponse.json({ total: 0, offset: 0, limit: 10, items: [] });
      }),
    );
    await client().getPortfolio({
      filter: {
        owner: ['group:default/a', 'group:default/b'],
        status: ['gap'],
        q: 'x',
      },
      sort: 'score',
      order: 'asc',
      offset: 20,
      limit: 10,
    });
    expect(search.getAll('owner')).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(search.getAll('status')).toEqual(['gap']);
    expect(search.get('q')).toBe('x');
    expect(search.get('sort')).toBe('score');
    expect(search.get('order')).toBe('asc');
    expect(search.get('offset')).toBe('20');
    expect(search.get('limit')).toBe('10');
  });

  it('sends the lens with the filters to the groups and the summary, and leaves out all', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${BASE}/portfolio/groups`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({ total: 0, domains: [] });
      }),
      http.get(`${BASE}/portfolio/summary`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json({});
      }),
    );
    await expect(
      client().getPortfolioGroups({ owner: ['team-a'] }, 'catalog'),
    ).resolves.toEqual({ total: 0, domains: [] });
    await client().getPortfolioSummary({ owner: ['team-a'] }, 'all');
    expect(urls.map(u => `${u.pathname}${u.search}`)).toEqual([
      '/api/itsec/portfolio/groups?owner=team-a&lens=catalog',
      '/api/itsec/portfolio/summary?owner=team-a',
    ]);
  });

  it('posts JSON and unwraps list responses', async () => {
    let body: unknown;
    server.use(
      http.post(`${BASE}/exceptions/x%2F1/approve`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 'x/1', state: 'approved' });
      }),
      http.get(`${BASE}/attestations`, () =>
        HttpResponse.json({ items: [{ id: 'a' }] }),
      ),
    );
    const c = client();
    await expect(
      c.decideException('x/1', 'approve', { comment: 'ok' }),
    ).resolves.toMatchObject({ state: 'approved' });
    expect(body).toEqual({ comment: 'ok' });
    await expect(c.listAttestations('component:default/x')).resolves.toEqual([
      { id: 'a' },
    ]);
  });

  it('throws a ResponseError carrying the backend message', async () => {
    server.use(
      http.post(`${BASE}/attestations`, () =>
        HttpResponse.json(
          errorBody('InputError', 'evidenceLink must be an absolute URL', 400),
          { status: 400 },
        ),
      ),
    );
    await expect(
      client().createAttestation({
        entityRef: 'component:default/x',
        statementId: 'POL.ITSEC.005',
        evidenceLink: 'nope',
        statement: 'checked',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      body: {
        error: {
          name: 'InputError',
          message: 'evidenceLink must be an absolute URL',
        },
      },
    });
  });

  it('sends the Idempotency-Key of a write and reads the evaluation status', async () => {
    const keys: Array<string | null> = [];
    server.use(
      http.post(`${BASE}/exceptions`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return HttpResponse.json(
          { id: 'e1', state: 'requested' },
          { status: 201 },
        );
      }),
      http.get(`${BASE}/status`, () =>
        HttpResponse.json({
          stale: true,
          failingSince: '2026-10-02T09:00:00.000Z',
          limits: { exceptionMaxDuration: 'P12M' },
        }),
      ),
    );
    const c = client();
    const body = {
      entityRef: 'component:default/x',
      statementId: 'POL.ITSEC.043',
      justification: 'j',
      compensatingControls: 'c',
      expiresOn: '2027-01-01',
    };
    await c.requestException(body, { idempotencyKey: 'k-1' });
    await c.requestException(body);
    expect(keys).toEqual(['k-1', null]);
    await expect(c.getStatus()).resolves.toMatchObject({
      stale: true,
      failingSince: '2026-10-02T09:00:00.000Z',
    });
  });

  it('caches the policy but retries after a failure', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/policy`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(errorBody('Error', 'boom', 500), { status: 500 })
          : HttpResponse.json(policy);
      }),
    );
    const c = client();
    await expect(c.getPolicy()).rejects.toThrow();
    await expect(c.getPolicy()).resolves.toMatchObject({ id: policy.id });
    await c.getPolicy();
    expect(calls).toBe(2);
  });

  it('downloads exports with the server filename', async () => {
    server.use(
      http.get(
        `${BASE}/portfolio/export`,
        () =>
          new HttpResponse('{"a":1}', {
            headers: {
              'content-type': 'application/json',
              'content-disposition':
                'attachment; filename="itsec-assessment-results.json"',
            },
          }),
      ),
    );
    const file = await client().exportPortfolio('oscal', {
      owner: ['group:default/a'],
    });
    expect(file.filename).toBe('itsec-assessment-results.json');
    expect(await file.blob.text()).toBe('{"a":1}');
  });
});
