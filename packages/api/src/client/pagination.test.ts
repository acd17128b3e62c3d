import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resourceFor } from '../test-support/resources';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { createDotsClient } from './create-client';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

/** Serves `ids` as transfers, `limit` per page, honouring `starting_after`. */
function servePages() {
  server.handle((req) => {
    const limit = Number(req.query.get('limit') ?? 3);
    const after = req.query.get('starting_after');
    const start = after ? ids.indexOf(after) + 1 : 0;
    const data = ids.slice(start, start + limit).map((id) => resourceFor('/v2/transfers', id));
    return { json: { data, has_more: start + limit < ids.length } };
  });
}

function client() {
  return createDotsClient({ clientId: 'c', apiKey: 'k', environment: { baseUrl: server.baseUrl } });
}

describe('pagination', () => {
  it('iterate() walks three pages with starting_after and stops when has_more is false', async () => {
    servePages();
    const seen: string[] = [];
    for await (const t of client().transfers.iterate({ limit: 3, user_id: ids[0] }))
      seen.push(t.id);
    expect(seen).toEqual(ids);
    expect(server.requests.map((r) => r.query.get('starting_after'))).toEqual([
      null,
      ids[2],
      ids[5],
    ]);
    expect(
      server.requests.every(
        (r) => r.query.get('limit') === '3' && r.query.get('user_id') === ids[0],
      ),
    ).toBe(true);
  });

  it('iterate() fetches lazily: breaking early stops fetching', async () => {
    servePages();
    for await (const t of client().transfers.iterate({ limit: 3 })) {
      if (t.id === ids[1]) break;
    }
    expect(server.requests).toHaveLength(1);
  });

  it('iterate() starts after a given cursor and refuses ending_before', async () => {
    servePages();
    const seen: string[] = [];
    for await (const t of client().transfers.iterate({ limit: 3, starting_after: ids[3] }))
      seen.push(t.id);
    expect(seen).toEqual(ids.slice(4));
    const it = client().flows.iterate({ ending_before: ids[1] })[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrow(/ending_before/);
  });

  it('list() returns one page; a missing has_more means the last page', async () => {
    const flow = resourceFor('/v2/flows', ids[0]);
    server.replies({ json: { data: [flow] } });
    const page = await client().flows.list();
    expect(page).toEqual({ data: [flow], has_more: false });
  });

  it('apps.list() reads the bare array v2.yaml documents as one page', async () => {
    server.replies({ json: [{ id: ids[0], name: 'App A' }] });
    expect(await client().apps.list()).toEqual({
      data: [{ id: ids[0], name: 'App A' }],
      has_more: false,
    });
    const names: string[] = [];
    for await (const app of client().apps.iterate()) names.push(app.name);
    expect(names).toEqual(['App A']);
  });
});
