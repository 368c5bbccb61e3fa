import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * The itsec HTTP API, called on behalf of the caller of an action: the route
 * sees the caller's own credentials, so permission checks, validation,
 * idempotency and the audit log are the route's, not a copy of them.
 */
export interface ItsecApi {
  get<T>(credentials: BackstageCredentials, path: string): Promise<T>;
  post<T>(
    credentials: BackstageCredentials,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
}

/** The error the route answered, as the same Backstage error. */
async function errorOf(res: Response): Promise<Error> {
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = await res.json();
    if (body?.error?.message) message = String(body.error.message);
  } catch {
    // not JSON: keep the status line
  }
  switch (res.status) {
    case 400:
      return new InputError(message);
    case 401:
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new ServiceUnavailableError(`itsec API: ${message}`);
  }
}

/** An {@link ItsecApi} reaching the plugin through discovery. */
export function createItsecApi(options: {
  auth: AuthService;
  discovery: DiscoveryService;
}): ItsecApi {
  const { auth, discovery } = options;
  async function call<T>(
    credentials: BackstageCredentials,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'itsec',
    });
    const base = await discovery.getBaseUrl('itsec');
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw await errorOf(res);
    return (await res.json()) as T;
  }
  return {
    get: (credentials, path) => call(credentials, 'GET', path),
    post: (credentials, path, body, headers) =>
      call(credentials, 'POST', path, body, headers),
  };
}

/** `/entities/{kind}/{namespace}/{name}` of an entity ref. */
export function entityPath(entityRef: string): string {
  const m = entityRef.match(/^([^:/]+):(?:([^:/]+)\/)?([^:/]+)$/);
  if (!m) {
    throw new InputError(
      `entityRef: '${entityRef}' is not an entity ref such as component:default/payments`,
    );
  }
  const [, kind, namespace = 'default', name] = m;
  return `/entities/${[kind, namespace, name]
    .map(encodeURIComponent)
    .join('/')}`;
}
