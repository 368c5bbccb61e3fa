// A real OpenID Connect provider (the `oidc-provider` package) for the
// production end-to-end test: one confidential client for the portal, and
// the accounts given, each with a verified e-mail. Plain http on 127.0.0.1 is
// fine for openid-client 5 (what Backstage's oidc module uses); the sign-in
// and consent pages are oidc-provider's development interactions, which take
// any password: the test is about the portal, not the identity provider.
import Provider from 'oidc-provider';
import http from 'node:http';

/**
 * Starts the provider on a free port of 127.0.0.1.
 *
 * @param {object} options
 * @param {string} options.clientId
 * @param {string} options.clientSecret
 * @param {string} options.redirectUri - `<baseUrl>/api/auth/oidc/handler/frame`
 * @param {Record<string, { email: string, name: string }>} options.accounts - by login
 * @returns {Promise<{ issuer: string, metadataUrl: string, close: () => Promise<void> }>}
 */
export async function startOidcProvider({
  clientId,
  clientSecret,
  redirectUri,
  accounts,
}) {
  const server = http.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    async findAccount(_ctx, login) {
      const account = accounts[login];
      if (!account) return undefined;
      return {
        accountId: login,
        async claims() {
          return {
            sub: login,
            email: account.email,
            email_verified: true,
            name: account.name,
          };
        },
      };
    },
    // Backstage keeps the session with the refresh token, without asking
    // for offline_access.
    issueRefreshToken: async (_ctx, client) =>
      client.grantTypeAllowed('refresh_token'),
    cookies: { keys: ['itsec-e2e-oidc-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  // The provider's own failures would otherwise go unreported.
  provider.on('server_error', (_ctx, error) => console.error(error));
  server.on('request', provider.callback());

  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
