import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupTestServer } from '../../__testUtils__/msw';
import { EntityItsecScorecardCard } from './EntityItsecScorecardCard';
import {
  componentEntity,
  errorBody,
  makeScorecard,
} from '../../__testUtils__/fixtures';
import { BASE, renderItsec } from '../../__testUtils__/render';

const server = setupTestServer();

const SCORECARD_URL = `${BASE}/entities/component/default/cmc-claim-store/scorecard`;

describe('EntityItsecScorecardCard', () => {
  it('shows the score, counts, classification and the top three gaps with their fix', async () => {
    const scorecard = makeScorecard();
    server.use(http.get(SCORECARD_URL, () => HttpResponse.json(scorecard)));
    await renderItsec(<EntityItsecScorecardCard />, {
      entity: componentEntity,
    });

    const { summary } = scorecard.evaluation;
    expect(
      await screen.findByLabelText(`Score ${summary.score} out of 100`),
    ).toBeInTheDocument();
    expect(screen.getByText('OFFICIAL-SENSITIVE')).toBeInTheDocument();
    expect(screen.getByText(`${summary.counts.gap} gap`)).toBeInTheDocument();

    const gaps = within(screen.getByRole('list', { name: 'Top gaps' }));
    const items = gaps.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    const first = summary.topGaps[0];
    expect(gaps.getAllByText('Fix:').length).toBe(3);
    // Each gap, and the first one above the list, links to its row on the Security tab.
    expect(
      gaps.getByRole('link', { name: `${first.statementId} ${first.title}` }),
    ).toHaveAttribute(
      'href',
      `/catalog/default/component/cmc-claim-store/security#${first.statementId}`,
    );
    expect(
      screen.getByRole('link', {
        name: `Fix the first gap: ${first.statementId}`,
      }),
    ).toHaveAttribute(
      'href',
      `/catalog/default/component/cmc-claim-store/security#${first.statementId}`,
    );
    expect(
      screen.getByRole('link', { name: /View all statements/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/cmc-claim-store/security',
    );
  });

  it('says when the entity has not been evaluated yet (404)', async () => {
    server.use(
      http.get(SCORECARD_URL, () =>
        HttpResponse.json(
          errorBody(
            'NotFoundError',
            'No scorecard for component:default/cmc-claim-store',
            404,
          ),
          { status: 404 },
        ),
      ),
    );
    await renderItsec(<EntityItsecScorecardCard />, {
      entity: componentEntity,
    });
    expect(
      await screen.findByText(/has not been evaluated/),
    ).toBeInTheDocument();
  });

  it("shows the backend's message on an error", async () => {
    server.use(
      http.get(SCORECARD_URL, () =>
        HttpResponse.json(
          errorBody('Error', 'The scorecard store is unavailable', 500),
          { status: 500 },
        ),
      ),
    );
    await renderItsec(<EntityItsecScorecardCard />, {
      entity: componentEntity,
    });
    expect(
      (await screen.findAllByText(/The scorecard store is unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it('says so when there are no gaps', async () => {
    const scorecard = makeScorecard();
    scorecard.evaluation = {
      ...scorecard.evaluation,
      summary: { ...scorecard.evaluation.summary, topGaps: [] },
    };
    server.use(http.get(SCORECARD_URL, () => HttpResponse.json(scorecard)));
    await renderItsec(<EntityItsecScorecardCard />, {
      entity: componentEntity,
    });
    expect(await screen.findByText('No gaps')).toBeInTheDocument();
  });
});
