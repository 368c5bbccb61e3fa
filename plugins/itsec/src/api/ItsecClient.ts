import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AttestationRecord,
  AuditPage,
  CreateAttestationRequest,
  CreateExceptionRequest,
  ExceptionDecisionRequest,
  ExceptionRecord,
  ExceptionState,
  History,
  PolicyCatalogue,
  PortfolioFilter,
  PortfolioGroups,
  PortfolioLens,
  PortfolioPage,
  PortfolioSummary,
  Scorecard,
  MyScorecard,
  MyTasks,
} from '@internal/plugin-itsec-common';
import type {
  EvaluationStatus,
  ExceptionDecision,
  ItsecApi,
  ItsecDateRange,
  ItsecWriteOptions,
  ItsecWritten,
  PortfolioExport,
  PortfolioExportFormat,
  PortfolioQuery,
} from './ItsecApi';

type QueryValue = string | number | undefined | readonly string[];

/** Builds a query string; arrays become repeated parameters. @internal */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) search.append(key, v);
    } else {
      search.append(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The portfolio filter as query parameters. @internal */
export function filterParams(
  filter: PortfolioFilter = {},
): Record<string, QueryValue> {
  return {
    owner: filter.owner,
    system: filter.system,
    domain: filter.domain,
    kind: filter.kind,
    classification: filter.classification,
    statement: filter.statement,
    status: filter.status,
    q: filter.q,
  };
}

/** The lens as a query parameter: left out for `all`, the default. */
function lensParam(lens?: PortfolioLens): string | undefined {
  return lens && lens !== 'all' ? lens : undefined;
}

/** The `{kind}/{namespace}/{name}` path of an entity ref. @internal */
export function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return [kind, namespace, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

function filenameFrom(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]) : fallback;
}

/**
 * The default {@link ItsecApi}: calls the itsec backend through the
 * discovery and fetch APIs, so requests carry the user's token.
 *
 * @public
 */
export class ItsecClient implements ItsecApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private policy?: Promise<PolicyCatalogue>;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('itsec');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async get<T>(path: string): Promise<T> {
    const response = await this.request(path);
    return (await response.json()) as T;
  }

  private async post<T>(
    path: string,
    body: unknown,
    options: ItsecWriteOptions = {},
  ): Promise<T> {
    const response = await this.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(options.idempotencyKey
          ? { 'Idempotency-Key': options.idempotencyKey }
          : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
    return (await response.json()) as T;
  }

  getPolicy(): Promise<PolicyCatalogue> {
    if (!this.policy) {
      this.policy = this.get<PolicyCatalogue>('/policy');
      // Do not cache a failure: the next caller retries.
      this.policy.catch(() => {
        this.policy = undefined;
      });
    }
    return this.policy;
  }

  getScorecard(entityRef: string): Promise<Scorecard> {
    return this.get(`/entities/${entityPath(entityRef)}/scorecard`);
  }

  refreshScorecard(entityRef: string): Promise<Scorecard> {
    return this.post(`/entities/${entityPath(entityRef)}/refresh`, {});
  }

  getEntityHistory(
    entityRef: string,
    range: ItsecDateRange = {},
  ): Promise<History> {
    return this.get(
      `/entities/${entityPath(entityRef)}/history${toQueryString({
        from: range.from,
        to: range.to,
      })}`,
    );
  }

  getPortfolio(query: PortfolioQuery = {}): Promise<PortfolioPage> {
    return this.get(
      `/portfolio${toQueryString({
        ...filterParams(query.filter),
        lens: lensParam(query.lens),
        sort: query.sort,
        order: query.order,
        offset: query.offset,
        limit: query.limit,
      })}`,
    );
  }

  getPortfolioSummary(
    filter?: PortfolioFilter,
    lens?: PortfolioLens,
  ): Promise<PortfolioSummary> {
    return this.get(
      `/portfolio/summary${toQueryString({
        ...filterParams(filter),
        lens: lensParam(lens),
      })}`,
    );
  }

  getPortfolioGroups(
    filter?: PortfolioFilter,
    lens?: PortfolioLens,
  ): Promise<PortfolioGroups> {
    return this.get(
      `/portfolio/groups${toQueryString({
        ...filterParams(filter),
        lens: lensParam(lens),
      })}`,
    );
  }

  getPortfolioHistory(
    filter?: PortfolioFilter,
    range: ItsecDateRange = {},
  ): Promise<History> {
    return this.get(
      `/portfolio/history${toQueryString({
        ...filterParams(filter),
        from: range.from,
        to: range.to,
      })}`,
    );
  }

  async exportPortfolio(
    format: PortfolioExportFormat,
    filter?: PortfolioFilter,
  ): Promise<PortfolioExport> {
    const response = await this.request(
      `/portfolio/export${toQueryString({ format, ...filterParams(filter) })}`,
    );
    const extension = format === 'csv' ? 'csv' : 'json';
    const fallback =
      format === 'oscal'
        ? `itsec-assessment-results.json`
        : `itsec-portfolio.${extension}`;
    return {
      blob: await response.blob(),
      filename: filenameFrom(response, fallback),
    };
  }

  getStatus(): Promise<EvaluationStatus> {
    return this.get('/status');
  }

  async listAttestations(entityRef: string): Promise<AttestationRecord[]> {
    const body = await this.get<{ items: AttestationRecord[] }>(
      `/attestations${toQueryString({ entityRef })}`,
    );
    return body.items;
  }

  createAttestation(
    request: CreateAttestationRequest,
    options?: ItsecWriteOptions,
  ): Promise<ItsecWritten<AttestationRecord>> {
    return this.post('/attestations', request, options);
  }

  async listExceptions(query: {
    entityRef?: string;
    state?: ExceptionState;
  }): Promise<ExceptionRecord[]> {
    const body = await this.get<{ items: ExceptionRecord[] }>(
      `/exceptions${toQueryString({
        entityRef: query.entityRef,
        state: query.state,
      })}`,
    );
    return body.items;
  }

  requestException(
    request: CreateExceptionRequest,
    options?: ItsecWriteOptions,
  ): Promise<ExceptionRecord> {
    return this.post('/exceptions', request, options);
  }

  decideException(
    id: string,
    decision: ExceptionDecision,
    request: ExceptionDecisionRequest = {},
  ): Promise<ItsecWritten<ExceptionRecord>> {
    return this.post(
      `/exceptions/${encodeURIComponent(id)}/${decision}`,
      request,
    );
  }

  getMyScorecards(): Promise<{ items: MyScorecard[] }> {
    return this.get('/me/scorecards');
  }

  getMyTasks(): Promise<MyTasks> {
    return this.get('/me/tasks');
  }

  getAudit(query: {
    entityRef?: string;
    offset?: number;
    limit?: number;
  }): Promise<AuditPage> {
    return this.get(
      `/audit${toQueryString({
        entityRef: query.entityRef,
        offset: query.offset,
        limit: query.limit,
      })}`,
    );
  }
}
