import { registerMswTestHooks } from '@backstage/test-utils';
import { setupServer } from 'msw/node';

/**
 * An msw server for the calling test file: it listens for the file's tests
 * (a request no handler answers fails the test), its handlers are reset
 * after each test and it closes after the last.
 */
export function setupTestServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}
