// The measuring helpers the suites rely on, on real files and real servers (no mocks).
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedLoop } from './closed-loop.mjs';
import { indexBacked } from './growth-rows.mjs';
import { benchDir, packageDir } from './load.mjs';

const size = await import(
  pathToFileURL(path.join(packageDir('@dotskit/react'), 'scripts', 'size.mjs')).href
);

describe('bundle size (packages/react/scripts/size.mjs, shared with the benchmark)', () => {
  it('measures the built package through its exports map, not its source', async () => {
    const r = await size.withConsumer((dir) =>
      size.bundleSize(`export { DotsProvider, DotsFlow } from '@dotskit/react';`, dir),
    );
    const react = packageDir('@dotskit/react');
    expect(r.inputs).toContain(path.join(react, 'dist', 'index.js'));
    expect(r.inputs.filter((p) => p.startsWith(path.join(react, 'src')))).toEqual([]);
    expect(r.gzip).toBeGreaterThan(0);
    expect(r.gzip).toBeLessThan(r.min);
  });

  it('finds the CDN script a peer loads and none in ours', async () => {
    const peer = await size.bundleSize(`export * from 'react-plaid-link';`, benchDir);
    expect(size.runtimeScripts(peer.text)).toEqual({
      urls: ['https://cdn.plaid.com/link/v2/stable/link-initialize.js'],
      injectsScript: true,
    });
    const ours = await size.withConsumer((dir) =>
      size.bundleSize(`export * from '@dotskit/react';`, dir),
    );
    expect(size.runtimeScripts(ours.text)).toEqual({ urls: [], injectsScript: false });
  });
});

describe('indexBacked (EXPLAIN QUERY PLAN of a list page)', () => {
  it('accepts index searches only', () => {
    expect(
      indexBacked([
        'SEARCH resource_states USING INDEX resource_states_list_idx (owner=? AND kind=?)',
      ]),
    ).toBe(true);
    expect(
      indexBacked([
        'SEARCH resource_states USING INDEX resource_states_list_idx (owner=? AND kind=? AND created_at<?)',
        'SCALAR SUBQUERY 1',
        'SEARCH resource_states USING INDEX sqlite_autoindex_resource_states_1 (kind=? AND id=?)',
      ]),
    ).toBe(true);
  });

  it('refuses a table scan, a temporary sort, or no access at all', () => {
    expect(indexBacked(['SCAN resource_states'])).toBe(false);
    expect(
      indexBacked([
        'SEARCH resource_states USING INDEX resource_states_list_idx (owner=?)',
        'USE TEMP B-TREE FOR ORDER BY',
      ]),
    ).toBe(false);
    expect(indexBacked([])).toBe(false);
  });
});

describe('closedLoop', () => {
  let server;
  let url;
  let served = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      served++;
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end('ok');
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('counts every answer with sub-millisecond latencies and reports non-2xx', async () => {
    let i = 0;
    const before = served;
    const r = await closedLoop({
      url,
      connections: 2,
      duration: 0.3,
      nextPath: () => (i++ % 4 === 3 ? '/missing' : '/ok'),
    });
    expect(r.total).toBe(served - before);
    expect(r.total).toBeGreaterThan(10);
    expect(r.non2xx).toBe(Math.floor(r.total / 4));
    expect(r.errors).toBe(0);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50);
  });
});
