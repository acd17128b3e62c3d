import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LogHistogram, type ProbeSample, routeKey } from './lib/soak-diag';
import { openEvents } from './lib/sse';
import { type WindowMark, windowRows } from './soak-rows';

const mark = (t: number, brokerCpuMs: number, dbBytes: number): WindowMark => ({
  t,
  at: 1_000_000 + t * 1000,
  brokerCpuMs,
  sandboxCpuMs: brokerCpuMs / 2,
  testCpuMs: 0,
  dbBytes,
  walBytes: 0,
  sandbox: { flows: t },
});

describe('soak per-window table', () => {
  it('puts each request in the window it finished in, with its kind', () => {
    // Window 1: 100 requests of 10 ms; window 2: 100 of 30 ms, the GETs 50 ms.
    const at = [...Array.from({ length: 100 }, () => 30), ...Array.from({ length: 100 }, () => 90)];
    const ms = at.map((t, i) => (t < 60 ? 10 : i % 2 ? 50 : 30));
    const kinds = at.map((_, i) => i % 2);
    const rows = windowRows(
      [mark(0, 0, 0), mark(60, 100, 2 ** 20), mark(120, 400, 2 ** 21)],
      at,
      ms,
      kinds,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      window: '0–60 s',
      requests: 100,
      'p50 / p99 (ms)': '10.0 / 10.0',
    });
    expect(rows[1]).toMatchObject({
      window: '60–120 s',
      requests: 100,
      'p99 by kind (ms)': '30.0 / 50.0 / –',
      'CPU/req broker / sandbox / test (ms)': '3.00 / 1.50 / 0.00',
      'db / wal (MiB)': '2.0 / 0.0',
    });
  });

  it("puts the yardstick's readings in their windows, as a median", () => {
    const at = (s: number) => 1_000_000 + s * 1000;
    const rows = windowRows(
      [mark(0, 0, 0), mark(60, 60, 0), mark(120, 120, 0)],
      [],
      [],
      [],
      undefined,
      [
        { at: at(10), cpuMs: 4 },
        { at: at(20), cpuMs: 5 },
        { at: at(30), cpuMs: 40 },
        { at: at(70), cpuMs: 6 },
      ],
    );
    expect(rows.map((r) => r['yardstick CPU (ms)'])).toEqual(['5.00', '6.00']);
  });

  it("puts each server's diagnostics in the window they were sampled in", () => {
    const sample = (atS: number, gcMs: number, route: string, ms: number): ProbeSample => {
      const h = new LogHistogram();
      h.add(ms);
      return {
        at: 1_000_000 + atS * 1000,
        monoUs: 0,
        cpuMs: 0,
        heapUsedMb: gcMs,
        rssMb: 0,
        eldP99Ms: gcMs / 10,
        eldMaxMs: gcMs,
        gcMs,
        gcCount: 1,
        served: { [route]: h.buckets },
        upstream: {},
      };
    };
    const rows = windowRows([mark(0, 0, 0), mark(60, 60, 0), mark(120, 120, 0)], [], [], [], {
      broker: [sample(30, 5, 'GET /flows/:id', 4)],
      sandbox: [
        sample(30, 7, 'GET /api/v2/flows/:id', 1),
        sample(90, 70, 'GET /api/v2/flows/:id', 9),
      ],
    });
    expect(rows[0]).toMatchObject({
      'broker GC (ms, n)': '5.0, 1',
      'sandbox GC (ms, n)': '7.0, 1',
    });
    expect(rows[1]).not.toHaveProperty('broker GC (ms, n)');
    expect(rows[1]).toMatchObject({
      'sandbox GC (ms, n)': '70.0, 1',
      'sandbox heap (MiB)': '70.0',
    });
    expect(String(rows[1]?.['sandbox served p99 (ms)'])).toMatch(
      /^GET \/api\/v2\/flows\/:id 9\.\d$/,
    );
  });

  it('reads percentiles within its 2 % buckets and merges histograms', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    for (let i = 1; i <= 99; i++) a.add(i);
    b.add(1000);
    a.merge(new LogHistogram(b.buckets));
    expect(a.count).toBe(100);
    expect(a.percentile(50) / 50).toBeGreaterThanOrEqual(1);
    expect(a.percentile(50) / 50).toBeLessThan(1.02);
    expect(a.percentile(100) / 1000).toBeLessThan(1.02);
  });

  it('names routes without their ids', () => {
    expect(routeKey('GET', '/flows/0b9c6a4e-1d2f-4c51-9f3a-2b7e8d6c5a41?x=1')).toBe(
      'GET /flows/:id',
    );
    expect(routeKey('POST', '/_sandbox/flows/8f14e45f-ceea-467f-a0e6-7f1b5a6c2d3e/complete')).toBe(
      'POST /_sandbox/flows/:id/complete',
    );
  });

  it('streams opened with keep: false count their events without keeping them', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let id = 1; id <= 3; id++)
        res.write(`id: ${id}\nevent: flow.updated\ndata: {"n":${id}}\n\n`);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const counted = await openEvents(url, 't', undefined, { keep: false });
      const kept = await openEvents(url, 't');
      await Promise.all([counted.ended, kept.ended]);
      expect(counted.received()).toBe(3);
      expect(counted.events).toHaveLength(0);
      expect(kept.received()).toBe(3);
      expect(kept.events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    } finally {
      server.close();
    }
  });
});
