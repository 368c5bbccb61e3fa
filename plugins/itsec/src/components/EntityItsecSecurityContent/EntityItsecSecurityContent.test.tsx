import { screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';

const userEvent = userEventLib.setup({ delay: null });

/**
 * Enters text as a paste: one input event instead of one per character, which
 * re-renders the whole tab and made these tests slow on two busy cores.
 */
async function fill(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}
import { http, HttpResponse } from 'msw';
import { setupTestServer } from '../../__testUtils__/msw';
import {
  itsecAttestationCreatePermission,
  itsecExceptionApprovePermission,
  itsecExceptionRequestPermission,
  itsecExceptionRevokePermission,
  itsecRoleAcknowledgePermission,
  ExceptionRecord,
  Scorecard,
} from '@internal/plugin-itsec-common';
import { EntityItsecSecurityContent } from './EntityItsecSecurityContent';
import {
  componentEntity,
  errorBody,
  makeHistory,
  makeScorecard,
  policy,
} from '../../__testUtils__/fixtures';
import { BASE, renderItsec, TEST_USER } from '../../__testUtils__/render';
import { latestDate, todayIso } from '../common';

jest.setTimeout(30_000);

const server = setupTestServer();

const ENTITY = `${BASE}/entities/:kind/:namespace/:name`;

// usePermission caches decisions (SWR) by permission and resource ref for the
// whole test file, so every test renders its own entity.
let serial = 0;
let entity = componentEntity;
let entityRef = 'component:default/cmc-claim-store';
beforeEach(() => {
  serial += 1;
  const name = `cmc-claim-store-${serial}`;
  entity = {
    ...componentEntity,
    metadata: { ...componentEntity.metadata, name },
  };
  entityRef = `component:default/${name}`;
});

const requested: ExceptionRecord = {
  id: 'x1',
  entityRef: 'component:default/cmc-claim-store',
  statementId: 'POL.ITSEC.043',
  justification: 'DR test postponed until the data centre migration completes',
  compensatingControls: 'Daily backups verified by restore',
  requestedBy: 'user:default/oliver.bennett',
  requestedAt: '2026-06-01T10:00:00Z',
  expiresOn: '2026-12-31',
  state: 'requested',
};

function useBackend(
  options: {
    scorecard?: Scorecard;
    exceptions?: ExceptionRecord[];
    onAttest?: (body: any) => void;
  } = {},
) {
  let scorecard = options.scorecard ?? makeScorecard();
  const exceptions = options.exceptions ?? [];
  server.use(
    http.get(`${BASE}/policy`, () => HttpResponse.json(policy)),
    http.get(`${ENTITY}/scorecard`, () => HttpResponse.json(scorecard)),
    http.get(`${ENTITY}/history`, () => HttpResponse.json(makeHistory())),
    http.get(`${BASE}/exceptions`, () =>
      HttpResponse.json({ items: exceptions }),
    ),
    http.get(`${BASE}/status`, () =>
      HttpResponse.json({
        stale: false,
        limits: { exceptionMaxDuration: 'P12M' },
      }),
    ),
  );
  return {
    setScorecard(next: Scorecard) {
      scorecard = next;
    },
  };
}

/** Waits for a permission-gated button to be enabled, then returns it. */
async function enabledButton(
  container: ReturnType<typeof within>,
  name: string,
): Promise<HTMLElement> {
  return waitFor(() => {
    const button = container.getByRole('button', { name });
    expect(button).toBeEnabled();
    return button;
  });
}

/** Renders the Security tab for this test's entity. */
function renderSecurityTab(
  options: { allow?: string[] | 'all' | 'none'; user?: string } = {},
) {
  return renderItsec(<EntityItsecSecurityContent />, { entity, ...options });
}

/** Renders the tab, clicks a statement row's button once enabled, returns the dialog. */
async function openRowDialog(statementId: string, buttonName: string) {
  await renderSecurityTab();
  const row = within(await screen.findByTestId(`statement-${statementId}`));
  await userEvent.click(await enabledButton(row, buttonName));
  return within(await screen.findByRole('dialog'));
}

const attestationGap = () =>
  makeScorecard().evaluation.results.find(
    r => r.kind === 'attestation' && r.status === 'gap',
  )!;

describe('EntityItsecSecurityContent', () => {
  it('opens on what needs doing, with the fix, and collapses the rest by section with counts', async () => {
    useBackend();
    await renderSecurityTab();
    const scorecard = makeScorecard();
    const results = scorecard.evaluation.results;
    const todo = await screen.findByRole('table', {
      name: 'What needs doing',
    });
    const rows = within(todo).getAllByRole('row').slice(1);
    const open = results.filter(
      r => r.status === 'gap' || r.status === 'due-soon',
    );
    expect(rows).toHaveLength(open.length);
    // gaps first, then due soon
    const statuses = rows.map(r =>
      within(r).queryByText('Gap') ? 'gap' : 'due-soon',
    );
    // no gap after the first due-soon row
    const firstDueSoon = statuses.indexOf('due-soon');
    expect(
      statuses.slice(firstDueSoon < 0 ? statuses.length : firstDueSoon),
    ).not.toContain('gap');
    expect(statuses).toContain('gap');
    const dr = within(screen.getByTestId('statement-POL.ITSEC.043'));
    expect(dr.getByText('Gap')).toBeInTheDocument();
    // evidence inherited from the System, linked
    expect(dr.getAllByText(/inherited from/).length).toBeGreaterThan(0);
    expect(
      dr.getByRole('link', { name: /civil-money-claims|Civil Money Claims/ }),
    ).toBeInTheDocument();
    // the fix is the annotation to add, as a copy-paste snippet
    expect(dr.getByTestId('annotation-snippet')).toHaveTextContent(
      'itsec.justice.gov.uk/dr-plan-last-test',
    );

    // A met statement is in its section, collapsed, counted in the heading.
    const met = results.find(r => r.status === 'met')!;
    const section = policy.sections.find(
      s =>
        s.id ===
        policy.statements.find(st => st.id === met.statementId)!.section,
    )!;
    expect(
      screen.queryByTestId(`statement-${met.statementId}`),
    ).not.toBeInTheDocument();
    const heading = screen.getByRole('button', {
      name: new RegExp(`^${section.title}\\s*— .*met`),
    });
    expect(heading).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(heading);
    expect(
      await screen.findByTestId(`statement-${met.statementId}`),
    ).toBeInTheDocument();
  });

  it('keeps the full view behind "Show all statements in full"', async () => {
    useBackend();
    await renderSecurityTab();
    await userEvent.click(
      await screen.findByLabelText('Show all statements in full'),
    );
    const drSection = policy.sections.find(
      s => s.id === 'business-continuity',
    )!;
    expect(
      await screen.findByRole('table', { name: drSection.title }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'What needs doing' }),
    ).toBeNull();
    // not-applicable statements are hidden until asked for
    const scorecard = makeScorecard();
    const na = scorecard.evaluation.results.find(
      r => r.status === 'not-applicable',
    )!;
    // The fixture System declares no accreditation: POL.ITSEC.014 does not apply.
    expect(na.statementId).toBe('POL.ITSEC.014');
    expect(
      screen.queryByTestId(`statement-${na.statementId}`),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByLabelText(/Show statements that do not apply/),
    );
    expect(
      screen.getByTestId(`statement-${na.statementId}`),
    ).toBeInTheDocument();
  });

  it('shows role holders linking to their User pages, Codes of Connection and the history chart', async () => {
    const scorecard = makeScorecard();
    scorecard.profile.attestations.push({
      statementId: 'POL.ITSEC.023',
      attestedBy: 'user:default/thomas.green',
      attestedOn: '2026-05-02',
      origin: 'catalog',
    });
    useBackend({ scorecard });
    await renderSecurityTab();
    const roles = within(
      await screen.findByRole('table', { name: 'Security roles' }),
    );
    const link = roles
      .getAllByRole('link')
      .find(a =>
        a.getAttribute('href')?.includes('/catalog/default/user/thomas.green'),
      );
    expect(link?.getAttribute('href')).toMatch(
      /\/catalog\/default\/user\/thomas\.green$/,
    );
    expect(
      roles.getByText(
        'Acknowledged 2026-05-02 (declared in catalog-info.yaml)',
      ),
    ).toBeInTheDocument();
    expect(roles.getAllByText('Role not acknowledged').length).toBeGreaterThan(
      0,
    );
    const cocs = within(
      screen.getByRole('table', { name: 'Codes of Connection' }),
    );
    expect(cocs.getByText('Example Card Acquirer Ltd')).toBeInTheDocument();
    expect(
      cocs.getByText('Review due: 2026-01-15 (overdue)'),
    ).toBeInTheDocument();
    expect(
      cocs.getByText('outbound, OFFICIAL, personal data'),
    ).toBeInTheDocument();
    expect(cocs.getByText('Approvals: missing IAO')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: /Score history: score 40 on 2026-06-11/,
      }),
    ).toBeInTheDocument();
  });

  it('records an attestation, validating the form, and reloads the scorecard', async () => {
    const backend = useBackend();
    const gap = attestationGap();
    let posted: any;
    server.use(
      http.post(`${BASE}/attestations`, async ({ request }) => {
        posted = await request.json();
        const next = makeScorecard();
        next.evaluation.results = next.evaluation.results.map(r =>
          r.statementId === gap.statementId
            ? { ...r, status: 'met', message: 'Attested' }
            : r,
        );
        backend.setScorecard(next);
        return HttpResponse.json(
          {
            id: 'a1',
            ...posted,
            attestedBy: 'user:default/test',
            attestedOn: '2026-06-15',
            validUntil: '2027-06-15',
            createdAt: '2026-06-15T10:00:00Z',
          },
          { status: 201 },
        );
      }),
    );
    const dialog = await openRowDialog(
      gap.statementId,
      `Attest ${gap.statementId}`,
    );
    await userEvent.click(
      dialog.getByRole('button', { name: 'Record attestation' }),
    );
    expect(
      dialog.getByText('Enter a link to the evidence.'),
    ).toBeInTheDocument();
    expect(dialog.getByText('Say what you checked.')).toBeInTheDocument();

    await fill(dialog.getByLabelText(/Evidence link/), 'not a url');
    await fill(dialog.getByLabelText(/What you checked/), 'short');
    expect(dialog.getByText(/must be a full web address/)).toBeInTheDocument();
    expect(dialog.getByText(/at least 10 characters/)).toBeInTheDocument();

    await userEvent.clear(dialog.getByLabelText(/Evidence link/));
    await fill(
      dialog.getByLabelText(/Evidence link/),
      'https://evidence.example/sso',
    );
    await fill(
      dialog.getByLabelText(/What you checked/),
      ' - SSO is enforced for every user',
    );
    // No later than the statement's validity period from today.
    const statement = policy.statements.find(s => s.id === gap.statementId)!;
    const latest = latestDate(todayIso(), statement.validity ?? 'P12M')!;
    const dayAfter = new Date(
      Date.parse(`${latest.date}T00:00:00Z`) + 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
    await fill(dialog.getByLabelText(/Review by/), dayAfter);
    await userEvent.click(
      dialog.getByRole('button', { name: 'Record attestation' }),
    );
    expect(
      await dialog.findByText(
        `The policy asks for a review within ${latest.human}: choose ${latest.date} or earlier.`,
      ),
    ).toBeInTheDocument();
    expect(posted).toBeUndefined();
    await userEvent.clear(dialog.getByLabelText(/Review by/));
    await userEvent.click(
      dialog.getByRole('button', { name: 'Record attestation' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(posted).toEqual({
      entityRef,
      statementId: gap.statementId,
      evidenceLink: 'https://evidence.example/sso',
      statement: 'short - SSO is enforced for every user',
    });
    // Met now: it leaves "What needs doing" for its collapsed section.
    await waitFor(() =>
      expect(
        screen.queryByTestId(`statement-${gap.statementId}`),
      ).not.toBeInTheDocument(),
    );
    await userEvent.click(screen.getByLabelText('Show all statements in full'));
    expect(
      within(screen.getByTestId(`statement-${gap.statementId}`)).getByText(
        'Met',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's validation message in the dialog", async () => {
    useBackend();
    const gap = attestationGap();
    server.use(
      http.post(`${BASE}/attestations`, () =>
        HttpResponse.json(
          errorBody('InputError', 'evidenceLink must use https', 400),
          { status: 400 },
        ),
      ),
    );
    const dialog = await openRowDialog(
      gap.statementId,
      `Attest ${gap.statementId}`,
    );
    await fill(
      dialog.getByLabelText(/Evidence link/),
      'http://evidence.example/x',
    );
    await fill(
      dialog.getByLabelText(/What you checked/),
      'Checked the SSO configuration',
    );
    await userEvent.click(
      dialog.getByRole('button', { name: 'Record attestation' }),
    );
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'evidenceLink must use https',
    );
  });

  it('requests an exception with validation messages', async () => {
    useBackend();
    let posted: any;
    server.use(
      http.post(`${BASE}/exceptions`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json(
          { ...requested, ...posted, id: 'x2' },
          { status: 201 },
        );
      }),
    );
    const dialog = await openRowDialog(
      'POL.ITSEC.043',
      'Request exception for POL.ITSEC.043',
    );
    await userEvent.click(
      dialog.getByRole('button', { name: 'Request exception' }),
    );
    expect(
      dialog.getByText('Explain why the statement cannot be met.'),
    ).toBeInTheDocument();
    expect(
      dialog.getByText(/Describe the compensating controls/),
    ).toBeInTheDocument();
    expect(
      dialog.getByText('Enter the date the exception should end.'),
    ).toBeInTheDocument();

    await fill(
      dialog.getByLabelText(/Justification/),
      'The DR test waits for the data centre migration',
    );
    await fill(
      dialog.getByLabelText(/Compensating controls/),
      'Daily restore tests',
    );
    await fill(dialog.getByLabelText(/Ends on/), '2000-01-01');
    await userEvent.click(
      dialog.getByRole('button', { name: 'Request exception' }),
    );
    expect(
      dialog.getByText('The end date must be after today.'),
    ).toBeInTheDocument();

    // At most the backend's itsec.exceptions.maxDuration (P12M) from today.
    const latest = latestDate(todayIso(), 'P12M')!.date;
    await userEvent.clear(dialog.getByLabelText(/Ends on/));
    await fill(dialog.getByLabelText(/Ends on/), '2099-01-31');
    await userEvent.click(
      dialog.getByRole('button', { name: 'Request exception' }),
    );
    expect(
      await dialog.findByText(
        `An exception runs at most 12 months: end it on ${latest} or earlier.`,
      ),
    ).toBeInTheDocument();
    expect(posted).toBeUndefined();

    await userEvent.clear(dialog.getByLabelText(/Ends on/));
    await fill(dialog.getByLabelText(/Ends on/), latest);
    await userEvent.click(
      dialog.getByRole('button', { name: 'Request exception' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(posted).toMatchObject({
      statementId: 'POL.ITSEC.043',
      expiresOn: latest,
      compensatingControls: 'Daily restore tests',
    });
  });

  it('disables attest and exception controls with the reason when not allowed', async () => {
    useBackend();
    const gap = attestationGap();
    await renderSecurityTab({ allow: 'none' });
    const row = within(
      await screen.findByTestId(`statement-${gap.statementId}`),
    );
    const attest = row.getByRole('button', {
      name: `Attest ${gap.statementId}`,
    });
    expect(attest).toBeDisabled();
    expect(attest).toHaveAttribute(
      'title',
      expect.stringMatching(/only its owner group and the ITSO/),
    );
    expect(
      row.getByRole('button', {
        name: `Request exception for ${gap.statementId}`,
      }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: /Re-evaluate now/ }),
    ).toBeDisabled();
    expect(
      screen.getAllByText(/You cannot record attestations/).length,
    ).toBeGreaterThan(0);
  });

  it('offers role acknowledgement to role holders only, as their own', async () => {
    useBackend();
    const ack = makeScorecard().evaluation.results.find(
      r => r.statementId === 'POL.ITSEC.023',
    )!;
    expect(ack.status).toBe('gap');
    const gap = attestationGap();
    expect(gap.statementId).not.toBe('POL.ITSEC.023');

    const owner = await renderSecurityTab({
      allow: [itsecAttestationCreatePermission.name],
    });
    const ackRow = within(await screen.findByTestId('statement-POL.ITSEC.023'));
    await enabledButton(
      within(await screen.findByTestId(`statement-${gap.statementId}`)),
      `Attest ${gap.statementId}`,
    );
    const denied = ackRow.getByRole('button', {
      name: 'Acknowledge my role for POL.ITSEC.023',
    });
    expect(denied).toBeDisabled();
    expect(denied).toHaveAttribute(
      'title',
      expect.stringMatching(/Only the people who hold a security role/),
    );
    owner.unmount();

    serial += 1;
    entity = {
      ...entity,
      metadata: { ...entity.metadata, name: `cmc-claim-store-${serial}` },
    };
    await renderSecurityTab({
      allow: [
        itsecRoleAcknowledgePermission.name,
        itsecAttestationCreatePermission.name,
      ],
    });
    const holderRow = within(
      await screen.findByTestId('statement-POL.ITSEC.023'),
    );
    await userEvent.click(
      await enabledButton(holderRow, 'Acknowledge my role for POL.ITSEC.023'),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(/every role holder acknowledges their own role/),
    ).toBeInTheDocument();
    const options = async () => {
      await userEvent.click(
        within(await screen.findByRole('dialog')).getByRole('button', {
          name: /Policy statement/,
        }),
      );
      const listbox = within(await screen.findByRole('listbox'));
      const names = listbox
        .getAllByRole('option')
        .map(o => o.textContent ?? '');
      await userEvent.keyboard('{Escape}');
      return names;
    };
    expect(await options()).toEqual([
      expect.stringMatching(/^POL\.ITSEC\.023/),
    ]);
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );

    // Other attestations do not offer it.
    await userEvent.click(
      await enabledButton(
        within(await screen.findByTestId(`statement-${gap.statementId}`)),
        `Attest ${gap.statementId}`,
      ),
    );
    const others = await options();
    expect(others.length).toBeGreaterThan(1);
    expect(others.some(o => o.startsWith('POL.ITSEC.023'))).toBe(false);
  });

  it('lets the SIRO approve a requested exception, and hides it from others', async () => {
    useBackend({ exceptions: [requested] });
    let decided: any;
    server.use(
      http.post(`${BASE}/exceptions/x1/approve`, async ({ request }) => {
        decided = await request.json();
        return HttpResponse.json({ ...requested, state: 'approved' });
      }),
    );
    await renderSecurityTab({ allow: [itsecExceptionApprovePermission.name] });
    const table = within(
      await screen.findByRole('table', { name: 'Exceptions' }),
    );
    expect(table.getByText('Awaiting SIRO decision')).toBeInTheDocument();
    await userEvent.click(await enabledButton(table, 'Approve'));
    const dialog = within(await screen.findByRole('dialog'));
    await fill(
      dialog.getByLabelText(/Comment/),
      'Accepted until the migration',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(decided).toEqual({ comment: 'Accepted until the migration' }),
    );
  });

  it('offers no decision on their own request to the requester', async () => {
    const own = { ...requested, requestedBy: TEST_USER };
    const approved = {
      ...requested,
      id: 'x2',
      requestedBy: TEST_USER,
      state: 'approved' as const,
    };
    useBackend({ exceptions: [own, approved] });
    await renderSecurityTab({
      allow: [
        itsecExceptionApprovePermission.name,
        itsecExceptionRevokePermission.name,
      ],
    });
    const table = within(
      await screen.findByRole('table', { name: 'Exceptions' }),
    );
    expect(
      await table.findAllByText(
        'You requested this exception: someone else decides on it.',
      ),
    ).toHaveLength(2);
    for (const name of ['Approve', 'Reject', 'Revoke']) {
      expect(table.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it("lets the ITSO revoke, and shows the backend's refusal in the dialog", async () => {
    const approved = { ...requested, state: 'approved' as const };
    useBackend({ exceptions: [approved] });
    server.use(
      http.post(`${BASE}/exceptions/x1/revoke`, () =>
        HttpResponse.json(
          errorBody(
            'NotAllowedError',
            'user:default/test.user requested exception x1 and may not revoke it: someone else decides',
            403,
          ),
          { status: 403 },
        ),
      ),
    );
    await renderSecurityTab({ allow: [itsecExceptionRevokePermission.name] });
    const table = within(
      await screen.findByRole('table', { name: 'Exceptions' }),
    );
    expect(table.queryByRole('button', { name: 'Approve' })).toBeNull();
    await userEvent.click(await enabledButton(table, 'Revoke'));
    const dialog = within(await screen.findByRole('dialog'));
    await fill(dialog.getByLabelText(/Reason/), 'DR test done');
    await userEvent.click(dialog.getByRole('button', { name: 'Revoke' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'may not revoke it: someone else decides',
    );
  });

  it('requires a reason to reject, and shows no decision buttons without the permission', async () => {
    useBackend({ exceptions: [requested] });
    const view = await renderSecurityTab({
      allow: [
        itsecAttestationCreatePermission.name,
        itsecExceptionRequestPermission.name,
      ],
    });
    const table = within(
      await view.findByRole('table', { name: 'Exceptions' }),
    );
    expect(
      table.queryByRole('button', { name: 'Approve' }),
    ).not.toBeInTheDocument();
    expect(
      view.getByText(/Only this entity's business-group SIRO/),
    ).toBeInTheDocument();
  });

  it('shows an empty state when the entity has no scorecard', async () => {
    useBackend();
    server.use(
      http.get(`${ENTITY}/scorecard`, () =>
        HttpResponse.json(errorBody('NotFoundError', 'not evaluated', 404), {
          status: 404,
        }),
      ),
    );
    await renderSecurityTab();
    expect(
      await screen.findByText('No security scorecard yet'),
    ).toBeInTheDocument();
  });

  it("shows the backend's message when loading fails", async () => {
    useBackend();
    server.use(
      http.get(`${BASE}/policy`, () =>
        HttpResponse.json(
          errorBody('Error', 'Policy catalogue failed to load', 500),
          { status: 500 },
        ),
      ),
    );
    await renderSecurityTab();
    expect(
      (await screen.findAllByText(/Policy catalogue failed to load/)).length,
    ).toBeGreaterThan(0);
  });
});
