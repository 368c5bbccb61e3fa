import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupTestServer } from '../../__testUtils__/msw';
import type { MyScorecard, MyTasks } from '../../api';
import {
  emptyCounts,
  errorBody,
  makeSummary,
  policy,
} from '../../__testUtils__/fixtures';
import { BASE, renderItsec } from '../../__testUtils__/render';
import { ItsecHomePage } from './ItsecHomePage';

jest.setTimeout(30_000);
// Two busy cores: the permission check and the loads may take over a second.
configure({ asyncUtilTimeout: 10_000 });

const server = setupTestServer();

const IAO = 'user:default/thomas.green';
const SIRO = 'user:default/sarah.whitfield';

const scorecards: MyScorecard[] = [
  {
    entityRef: 'system:default/civil',
    kind: 'system',
    title: 'Civil money claims',
    relations: ['owner', 'iao'],
    score: 40,
    gaps: 3,
    dueSoon: 1,
    firstGap: { statementId: 'POL.ITSEC.043', title: 'DR plan tested' },
    nextDue: {
      date: '2026-07-01',
      statementId: 'POL.ITSEC.014',
      title: 'Annual risk assessment',
    },
  },
  {
    entityRef: 'component:default/payments',
    kind: 'component',
    relations: ['iao'],
    score: 90,
    gaps: 0,
    dueSoon: 0,
  },
];

const exception = {
  id: 'ex-1',
  entityRef: 'system:default/civil',
  statementId: 'POL.ITSEC.043',
  justification: 'DR test booked for next quarter',
  compensatingControls: 'Daily backups',
  requestedBy: 'user:default/olivia.owner',
  requestedAt: '2026-06-10T09:00:00Z',
  expiresOn: '2026-12-31',
  state: 'requested' as const,
};

function tasksFor(user: string): MyTasks {
  const items: MyTasks['items'] =
    user === IAO
      ? [
          {
            type: 'acknowledge-role',
            entityRef: 'system:default/civil',
            title: 'Civil money claims',
            roles: ['iao'],
            statementId: 'POL.ITSEC.023',
          },
          {
            type: 'evidence-due',
            entityRef: 'system:default/civil',
            title: 'Civil money claims',
            statementId: 'POL.ITSEC.014',
            statementTitle: 'Annual risk assessment',
            due: '2026-07-01',
            hint: 'Record the risk assessment date',
          },
          {
            type: 'connection-review',
            entityRef: 'system:default/civil',
            title: 'Civil money claims',
            statementId: 'POL.ITSEC.028',
            due: '2026-06-01',
            overdue: true,
            message: 'CoC-1: review was due 2026-06-01',
          },
        ]
      : [
          {
            type: 'decide-exception',
            entityRef: 'system:default/civil',
            title: 'Civil money claims',
            exception,
          },
        ];
  return { asOf: '2026-06-15', dueSoonWindow: 'P30D', items };
}

function serve(user: string, options: { scorecards?: MyScorecard[] } = {}) {
  const posted: unknown[] = [];
  server.use(
    http.get(`${BASE}/policy`, () => HttpResponse.json(policy)),
    http.get(`${BASE}/me/tasks`, () => HttpResponse.json(tasksFor(user))),
    http.get(`${BASE}/me/scorecards`, () =>
      HttpResponse.json({
        items: options.scorecards ?? (user === IAO ? scorecards : []),
      }),
    ),
    http.get(`${BASE}/portfolio/summary`, () =>
      HttpResponse.json(makeSummary(12)),
    ),
    http.get(`${BASE}/portfolio/history`, () =>
      HttpResponse.json({
        points: [
          {
            date: '2026-06-08',
            score: 50,
            entities: 10,
            counts: { ...emptyCounts(), gap: 2, met: 30 },
          },
        ],
      }),
    ),
    http.post(`${BASE}/attestations`, async ({ request }) => {
      const body = (await request.json()) as Record<string, string>;
      posted.push(body);
      return HttpResponse.json(
        {
          id: 'a-1',
          ...body,
          attestedBy: IAO,
          attestedOn: '2026-06-15',
          validUntil: '2027-06-15',
          createdAt: '2026-06-15T10:00:00Z',
        },
        { status: 201 },
      );
    }),
    http.post(`${BASE}/exceptions/ex-1/approve`, async ({ request }) => {
      posted.push({ approve: await request.json() });
      return HttpResponse.json({ ...exception, state: 'approved' });
    }),
  );
  return posted;
}

describe('ItsecHomePage', () => {
  it('shows an IAO their scorecards worst first, linking the first gap, and their tasks', async () => {
    serve(IAO);
    await renderItsec(<ItsecHomePage />, { user: IAO, allow: [] });

    const table = await screen.findByRole('table', { name: 'My scorecards' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('Civil money claims')).toHaveAttribute(
      'href',
      '/catalog/default/system/civil/security',
    );
    expect(within(rows[0]).getByText('40 / 100')).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('link', {
        name: /3 gaps on Civil money claims/,
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/system/civil/security#POL.ITSEC.043',
    );
    expect(
      within(rows[0]).getByText(
        '2026-07-01: POL.ITSEC.014 Annual risk assessment',
      ),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('no gaps')).toBeInTheDocument();

    const tasks = await screen.findByRole('list', { name: 'My tasks' });
    const items = within(tasks).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(
      within(items[0]).getByText(
        'Acknowledge your role as Information Asset Owner on Civil money claims',
      ),
    ).toBeInTheDocument();
    expect(
      within(items[1]).getByRole('link', { name: 'Open POL.ITSEC.014' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/system/civil/security#POL.ITSEC.014',
    );
    expect(
      within(items[2]).getByText(
        'Code of Connection review overdue since 2026-06-01 on Civil money claims',
      ),
    ).toBeInTheDocument();
    // Not in the ITSO group: no portfolio summary.
    expect(screen.queryByText('Portfolio this week')).toBeNull();
  });

  it('lets a role holder acknowledge their role from the task', async () => {
    const posted = serve(IAO);
    await renderItsec(<ItsecHomePage />, { user: IAO, allow: [] });
    const button = await screen.findByRole('button', {
      name: 'Acknowledge role',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText(/Evidence link/));
    await userEvent.paste('https://example.justice.gov.uk/ack');
    await userEvent.click(within(dialog).getByLabelText(/What you checked/));
    await userEvent.paste('I have read the IAO responsibilities.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record attestation' }),
    );
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({
      entityRef: 'system:default/civil',
      statementId: 'POL.ITSEC.023',
      evidenceLink: 'https://example.justice.gov.uk/ack',
    });
  });

  it('shows a SIRO the exception waiting for their decision and approves it', async () => {
    const posted = serve(SIRO);
    await renderItsec(<ItsecHomePage />, { user: SIRO, allow: [] });
    expect(
      await screen.findByText(
        'Decide the exception to POL.ITSEC.043 on Civil money claims',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/None of your teams owns a scored entity/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Approve/ }),
    );
    await waitFor(() => expect(posted).toHaveLength(1));
  });

  it('shows the ITSO the portfolio this week, linking into the filtered portfolio', async () => {
    serve('user:default/priya.shah');
    await renderItsec(<ItsecHomePage />, {
      user: 'user:default/priya.shah',
      allow: ['itsec.audit.read'],
    });
    // Three requests (summary now and a week ago, audit access) come first:
    // allow for a loaded CI machine.
    const table = await screen.findByRole(
      'table',
      { name: 'Portfolio this week' },
      { timeout: 10_000 },
    );
    const summary = makeSummary(12);
    const gapRow = within(table)
      .getByRole('link', { name: 'Gaps' })
      .closest('tr')!;
    expect(within(table).getByRole('link', { name: 'Gaps' })).toHaveAttribute(
      'href',
      '/itsec?status=gap',
    );
    expect(
      within(gapRow).getByText(String(summary.counts.gap)),
    ).toBeInTheDocument();
    // 2 gaps a week ago
    const d = summary.counts.gap - 2;
    let change = 'no change';
    if (d > 0) change = `up ${d}`;
    if (d < 0) change = `down ${-d}`;
    expect(within(gapRow).getByText(change)).toBeInTheDocument();
  });

  it("shows the backend's message when tasks cannot be loaded", async () => {
    serve(IAO);
    server.use(
      http.get(`${BASE}/me/tasks`, () =>
        HttpResponse.json(errorBody('Error', 'The store is unavailable', 500), {
          status: 500,
        }),
      ),
    );
    await renderItsec(<ItsecHomePage />, { user: IAO, allow: [] });
    expect(
      (await screen.findAllByText(/The store is unavailable/))[0],
    ).toBeInTheDocument();
    expect(screen.getByText(/Could not load your tasks/)).toBeInTheDocument();
  });
});
