/*
 * A local stand-in for the catalog's REST API, serving the synthetic
 * portfolio from its own process, so the backend under measurement reads its
 * catalog over HTTP (through the real CatalogClient) and does not hold it.
 * Serves what the itsec evaluator asks for: GET /entities/by-query (pages with
 * a cursor), GET /entities and POST /entities/by-refs, with `filter` as the
 * catalog reads it (`kind=a,kind=b` is kind a or b; keys are ANDed; several
 * filters are ORed). Started by bench.ts with `fork`; it sends its port.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/catalogStandIn.ts <count> <today>
 */
import type { Entity } from '@backstage/catalog-model';
import http from 'node:http';
import { syntheticPortfolio } from './synthetic';

type Filter = Map<string, string[]>;

function parseFilters(values: string[]): Filter[] {
  return values.map(value => {
    const filter: Filter = new Map();
    for (const part of value.split(',')) {
      const eq = part.indexOf('=');
      const key = (eq === -1 ? part : part.slice(0, eq)).toLocaleLowerCase(
        'en-US',
      );
      const v = eq === -1 ? '' : part.slice(eq + 1).toLocaleLowerCase('en-US');
      filter.set(key, [...(filter.get(key) ?? []), v]);
    }
    return filter;
  });
}

function field(entity: Entity, key: string): string | undefined {
  let value: unknown = entity;
  for (const k of key.split('.')) value = (value as any)?.[k];
  return typeof value === 'string'
    ? value.toLocaleLowerCase('en-US')
    : undefined;
}

function matches(entity: Entity, filters: Filter[]): boolean {
  if (!filters.length) return true;
  return filters.some(filter =>
    [...filter].every(([key, values]) => {
      const v = field(entity, key);
      return v !== undefined && values.some(x => x === '' || x === v);
    }),
  );
}

const refOf = (e: Entity) =>
  `${e.kind}:${e.metadata.namespace ?? 'default'}/${
    e.metadata.name
  }`.toLocaleLowerCase('en-US');

/** Serves `entities` on 127.0.0.1 under /api/catalog; resolves when listening. */
export function serveCatalog(entities: Entity[]): Promise<http.Server> {
  const byRef = new Map(entities.map(e => [refOf(e), e]));
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api\/catalog/, '');
    if (req.method === 'GET' && path === '/entities/by-query') {
      const cursor = url.searchParams.get('cursor');
      const state: { filter: string[]; offset: number } = cursor
        ? JSON.parse(Buffer.from(cursor, 'base64').toString())
        : { filter: url.searchParams.getAll('filter'), offset: 0 };
      const limit = Number(url.searchParams.get('limit') ?? 500);
      const all = entities.filter(e => matches(e, parseFilters(state.filter)));
      const items = all.slice(state.offset, state.offset + limit);
      const next = state.offset + items.length;
      send(res, 200, {
        items,
        totalItems: all.length,
        pageInfo:
          next < all.length
            ? {
                nextCursor: Buffer.from(
                  JSON.stringify({ filter: state.filter, offset: next }),
                ).toString('base64'),
              }
            : {},
      });
      return;
    }
    if (req.method === 'GET' && path === '/entities') {
      const filters = parseFilters(url.searchParams.getAll('filter'));
      send(
        res,
        200,
        entities.filter(e => matches(e, filters)),
      );
      return;
    }
    if (req.method === 'POST' && path === '/entities/by-refs') {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        const { entityRefs } = JSON.parse(Buffer.concat(chunks).toString());
        send(res, 200, {
          items: (entityRefs as string[]).map(
            r => byRef.get(r.toLocaleLowerCase('en-US')) ?? null,
          ),
        });
      });
      return;
    }
    send(res, 404, { error: { name: 'NotFoundError', message: path } });
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

if (require.main === module) {
  const [count, today] = process.argv.slice(2);
  serveCatalog(syntheticPortfolio(Number(count), today)).then(server => {
    process.send?.({ port: (server.address() as { port: number }).port });
    process.on('disconnect', () => process.exit());
  });
}
