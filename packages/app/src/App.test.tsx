import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  const savedFetch = global.fetch;
  afterEach(() => {
    global.fetch = savedFetch;
  });

  it('renders the sign-in page with the providers the backend reports', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    const requested: string[] = [];
    global.fetch = jest.fn(async (url: any) => {
      requested.push(String(url));
      return new Response(
        JSON.stringify({
          providers: [],
          demoPersonas: [
            {
              userEntityRef: 'user:default/priya.shah',
              displayName: 'Priya Shah',
            },
          ],
        }),
      );
    }) as any;

    const rendered = render(App.createRoot());

    await waitFor(
      () =>
        expect(
          rendered.getByRole('button', { name: 'Sign in as Priya Shah' }),
        ).toBeInTheDocument(),
      { timeout: 10_000 },
    );
    expect(requested).toContain('http://localhost:7007/api/sign-in/options');
    expect(rendered.queryByRole('button', { name: 'Enter' })).toBeNull();
  });
});
