// 2. Broker overhead: GET /flows/:id and POST /flows through the broker, against a bare
// Express pass-through proxy and against the sandbox called directly. Each server runs in
// its own process; autocannon (this process) uses fixed connections and duration.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { basicAuth, signJwt } from '../lib/auth.mjs';
import { closeAll, startChild } from '../lib/child.mjs';
import { assertClean, load } from '../lib/load-test.mjs';
import { notRun, reasonOf, row } from '../lib/rows.mjs';
import { mean, median, ratio, round } from '../lib/stats.mjs';

const BENCH = '2. Broker overhead';
const CONNECTIONS = 10;
const FLOW_STEPS = ['compliance', 'manage-payouts'];
const FLOW_BODY = JSON.stringify({ steps: FLOW_STEPS });
/** Issue 18's targets, printed beside the figures. */
const TARGETS = {
  'GET /flows/:id': { rps: 0.8, p99: 1.5 },
  'POST /flows': { rps: 0.5, p50: 3 },
};

/**
 * A POST as the widget sends it: its own fresh `idempotency_key` per request (a create
 * claims and completes its key), the same body for every target.
 */
const createRequest = (pathname, headers) => ({
  method: 'POST',
  path: pathname,
  headers,
  setupRequest: (req) => ({
    ...req,
    body: JSON.stringify({ steps: FLOW_STEPS, idempotency_key: randomUUID() }),
  }),
});

export async function run({ quick, log }) {
  const rounds = quick ? 2 : 4;
  const duration = quick ? 1 : 3;
  const warmup = quick ? 1 : 3;
  const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-bench-overhead-'));
  let sandbox;
  let broker;
  let proxy;
  let brokerNoLimit;
  try {
    sandbox = await startChild('sandbox');
    broker = await startChild('broker', {
      sandboxUrl: sandbox.url,
      databaseUrl: `sqlite:${path.join(dir, 'broker.db')}`,
    });
    proxy = await startChild('proxy', { upstream: `${sandbox.url}/api` });
    // Diagnostic only: the same broker with its rate limiter off, to show what it costs.
    brokerNoLimit = await startChild('broker', {
      sandboxUrl: sandbox.url,
      databaseUrl: `sqlite:${path.join(dir, 'broker-no-limit.db')}`,
      rateLimit: false,
    });
  } catch (err) {
    await closeAll(sandbox, broker, proxy, brokerNoLimit);
    rmSync(dir, { recursive: true, force: true });
    return [notRun(BENCH, 'broker vs bare proxy vs sandbox', reasonOf(err))];
  }
  try {
    const token = signJwt('bench-overhead-user');
    const created = await fetch(`${broker.url}/flows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: FLOW_BODY,
    });
    if (!created.ok) throw new Error(`POST /flows through the broker answered ${created.status}`);
    const flowId = (await created.json()).id;
    // The same flow must be owned on the second broker too: create it there and read it back.
    const createdNoLimit = await fetch(`${brokerNoLimit.url}/flows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: FLOW_BODY,
    });
    if (!createdNoLimit.ok)
      throw new Error(`POST /flows (no limiter) answered ${createdNoLimit.status}`);
    const flowIdNoLimit = (await createdNoLimit.json()).id;
    const targets = {
      direct: { url: `${sandbox.url}/api/v2`, auth: basicAuth() },
      proxy: { url: proxy.url, auth: 'none' },
      broker: { url: broker.url, auth: `Bearer ${token}` },
      brokerNoLimit: { url: brokerNoLimit.url, auth: `Bearer ${token}`, flowId: flowIdNoLimit },
    };
    const rows = [];
    for (const [endpoint, method, pathname] of [
      ['GET /flows/:id', 'GET', `/flows/${flowId}`],
      ['POST /flows', 'POST', '/flows'],
    ]) {
      const results = {};
      const opts = {};
      for (const [name, t] of Object.entries(targets)) {
        const headers = { 'content-type': 'application/json' };
        if (t.auth !== 'none') headers.authorization = t.auth;
        const own = t.flowId ? pathname.replace(flowId, t.flowId) : pathname;
        const url = new URL(`${t.url}${own}`);
        opts[name] =
          method === 'POST'
            ? {
                url: url.origin,
                connections: CONNECTIONS,
                requests: [createRequest(url.pathname, headers)],
              }
            : { url: url.href, connections: CONNECTIONS, method, headers };
        results[name] = { runs: [] };
      }
      for (const name of Object.keys(targets)) {
        await load({ ...opts[name], duration: warmup }).catch(() => {});
      }
      // Rounds alternate between the targets, so that a change in background load hits
      // all of them alike.
      for (let round = 0; round < rounds; round++) {
        // Each round starts with a different target, so none always runs first.
        const names = Object.keys(targets);
        const k = round % names.length;
        for (const name of [...names.slice(k), ...names.slice(0, k)]) {
          if (results[name].error) continue;
          try {
            const r = await load({ ...opts[name], duration });
            assertClean(`${endpoint} ${name}`, r);
            results[name].runs.push(r);
          } catch (err) {
            results[name].error = reasonOf(err);
          }
        }
      }
      for (const [name, r] of Object.entries(results)) {
        if (r.error) continue;
        Object.assign(r, combine(r.runs));
        log(`${endpoint} ${name}: ${Math.round(r.rps)} req/s p50 ${r.p50} ms p99 ${r.p99} ms`);
      }
      rows.push(...endpointRows(endpoint, results, `${rounds} × ${duration} s`));
    }
    return rows;
  } catch (err) {
    return [notRun(BENCH, 'broker vs bare proxy vs sandbox', reasonOf(err))];
  } finally {
    await closeAll(sandbox, broker, proxy, brokerNoLimit);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mean throughput and the median of the rounds' percentiles. */
function combine(runs) {
  const mid = (key) => median(runs.map((r) => r[key]));
  return { rps: mean(runs.map((r) => r.rps)), p50: mid('p50'), p99: mid('p99') };
}

function endpointRows(endpoint, { direct, proxy, broker, brokerNoLimit }, timing) {
  const how = `${CONNECTIONS} connections, ${timing} rounds (median p50/p99), loopback`;
  const lat = (r) => `p50 ${r.p50} ms, p99 ${r.p99} ms; ${how}`;
  const rows = [];
  const ok = (r) => r && !r.error;
  rows.push(
    ok(direct)
      ? row({
          benchmark: BENCH,
          subject: `${endpoint}: sandbox direct`,
          figure: round(direct.rps, 0),
          unit: 'req/s',
          note: lat(direct),
        })
      : notRun(BENCH, `${endpoint}: sandbox direct`, direct.error),
  );
  rows.push(
    ok(proxy)
      ? row({
          benchmark: BENCH,
          subject: `${endpoint}: bare Express proxy`,
          figure: round(proxy.rps, 0),
          unit: 'req/s',
          baseline: 'sandbox direct',
          baselineFigure: ok(direct) ? round(direct.rps, 0) : null,
          ratio: ok(direct) ? ratio(proxy.rps, direct.rps) : null,
          note: lat(proxy),
        })
      : notRun(BENCH, `${endpoint}: bare Express proxy`, proxy.error),
  );
  if (!ok(broker)) {
    rows.push(notRun(BENCH, `${endpoint}: broker`, broker.error));
    return rows;
  }
  const diagnostic = ok(brokerNoLimit)
    ? row({
        benchmark: BENCH,
        subject: `${endpoint}: broker with rateLimit: false (diagnostic)`,
        figure: round(brokerNoLimit.rps, 0),
        unit: 'req/s',
        baseline: 'bare Express proxy',
        baselineFigure: ok(proxy) ? round(proxy.rps, 0) : null,
        ratio: ok(proxy) ? ratio(brokerNoLimit.rps, proxy.rps) : null,
        note: `${lat(brokerNoLimit)}. Not the shipped default: shows the rate limiter's share of the cost.`,
      })
    : notRun(BENCH, `${endpoint}: broker with rateLimit: false (diagnostic)`, brokerNoLimit?.error);
  const haveProxy = ok(proxy);
  const target = TARGETS[endpoint];
  const rpsRatio = haveProxy ? ratio(broker.rps, proxy.rps) : null;
  const p99Ratio = haveProxy ? ratio(broker.p99, proxy.p99) : null;
  const p50Ratio = haveProxy ? ratio(broker.p50, proxy.p50) : null;
  rows.push(
    row({
      benchmark: BENCH,
      subject: `${endpoint}: broker throughput`,
      figure: round(broker.rps, 0),
      unit: 'req/s',
      baseline: 'bare Express proxy',
      baselineFigure: haveProxy ? round(proxy.rps, 0) : null,
      ratio: rpsRatio,
      target: `≥ ${target.rps}× proxy`,
      met: rpsRatio === null ? null : rpsRatio >= target.rps,
      note: lat(broker),
    }),
    row({
      benchmark: BENCH,
      subject: `${endpoint}: broker p99`,
      figure: broker.p99,
      unit: 'ms',
      baseline: 'bare Express proxy p99',
      baselineFigure: haveProxy ? proxy.p99 : null,
      ratio: p99Ratio,
      ...(target.p99 === undefined
        ? {}
        : {
            target: `≤ ${target.p99}× proxy`,
            met: p99Ratio === null ? null : p99Ratio <= target.p99,
          }),
    }),
    row({
      benchmark: BENCH,
      subject: `${endpoint}: broker p50`,
      figure: broker.p50,
      unit: 'ms',
      baseline: 'bare Express proxy p50',
      baselineFigure: haveProxy ? proxy.p50 : null,
      ratio: p50Ratio,
      ...(target.p50 === undefined
        ? {}
        : {
            target: `≤ ${target.p50}× proxy`,
            met: p50Ratio === null ? null : p50Ratio <= target.p50,
          }),
    }),
    diagnostic,
  );
  return rows;
}
