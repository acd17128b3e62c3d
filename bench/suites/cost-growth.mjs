// 6. Cost growth: broker p99 of a principal's reads and RSS with 1k, 100k and 1M stored
// resources of OTHER principals per kind (SQLite): GET /flows/:id, and the seller lists
// GET /transfers and GET /payout-links (first page and a deep page via starting_after).
// A broker creates the measured principal's flows (and payout links of a template
// principal, whose JSON the seeded links copy); that file is copied per size and seeded
// straight (lib/growth-seed.mjs: one transaction, the store's own tables, read back through
// the store, EXPLAIN QUERY PLAN of the statements one page runs). One broker process per
// size; rounds alternate between sizes so that background load hits every size alike. Per
// size: median of the rounds' p99; the ratio to 1k is the median of per-round ratios.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signJwt } from '../lib/auth.mjs';
import { closeAll, startChild } from '../lib/child.mjs';
import { closedLoop } from '../lib/closed-loop.mjs';
import { growthRows, planRows } from '../lib/growth-rows.mjs';
import { checkThroughStore, seedFlows, seedLists } from '../lib/growth-seed.mjs';
import { requireFrom } from '../lib/load.mjs';
import { assertClean } from '../lib/load-test.mjs';
import { notRun, reasonOf } from '../lib/rows.mjs';

const BENCH = '6. Cost growth';
const SIZES = [1000, 100_000, 1_000_000];
const REAL_FLOWS = 20;
/** The measured principal's own transfers and payout links: 10 pages of 20. */
const OWN = 200;
/** The deep page starts after the owner's 180th newest: page 10 of 10. */
const DEEP_AFTER = 180;
// Below saturation, so that p99 shows what a lookup costs rather than queueing behind
// the broker's slowest writes (the overhead suite measures the saturated case).
const CONNECTIONS = 2;
const OWNER = 'cost-growth-user';
const TEMPLATE_OWNER = 'cost-growth-template';

/** A transfer as the sandbox serializes one (transfers are created server-side only). */
const TRANSFER_TEMPLATE = {
  id: '',
  created: '2026-01-05T10:00:00.000Z',
  user_id: '7c1f5a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  status: 'completed',
  status_history: [
    { status: 'created', timestamp: 'Mon, 05 Jan 2026 10:00:00 GMT' },
    { status: 'completed', timestamp: 'Mon, 05 Jan 2026 10:00:01 GMT' },
  ],
  type: 'balance',
  amount: 2500,
  external_data: {},
  transactions: [
    {
      id: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70',
      amount: 2500,
      created: '2026-01-05T10:00:00.000Z',
      source_name: 'app',
      destination_name: 'user',
      type: 'balance',
      metadata: null,
      transfer_id: '',
    },
  ],
  metadata: null,
};

const post = (url, token, body) =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (res) => {
    if (!res.ok) throw new Error(`POST ${new URL(url).pathname} answered ${res.status}`);
    return res.json();
  });

/** Creates the real rows through a broker on `file`; resolves flow ids and a link's JSON. */
async function createReal(sandboxUrl, file) {
  const creator = await startChild('broker', { sandboxUrl, databaseUrl: `sqlite:${file}` });
  const ids = [];
  try {
    const token = signJwt(OWNER);
    for (let i = 0; i < REAL_FLOWS; i++) {
      ids.push(
        (await post(`${creator.url}/flows`, token, { steps: ['compliance', 'manage-payouts'] })).id,
      );
    }
    await post(`${creator.url}/payout-links`, signJwt(TEMPLATE_OWNER), { amount: 1 });
  } finally {
    await creator.close();
  }
  const Database = requireFrom('@dotskit/broker')('better-sqlite3');
  const db = new Database(file, { readonly: true });
  try {
    const link = db
      .prepare("SELECT data FROM resource_states WHERE kind = 'payout_link' AND owner = ?")
      .get(TEMPLATE_OWNER);
    if (!link) throw new Error('the broker stored no payout link state for its create');
    return { ids, linkTemplate: JSON.parse(link.data) };
  } finally {
    db.close();
  }
}

/** The measured requests: a flow read, and both lists' first and deep pages. */
function endpoints(flowIds, own) {
  let i = 0;
  const deep = (kind) => own[kind][DEEP_AFTER - 1];
  return [
    { label: 'GET /flows/:id', path: () => `/flows/${flowIds[i++ % flowIds.length]}` },
    ...[
      ['/transfers', 'transfer'],
      ['/payout-links', 'payout_link'],
    ].flatMap(([route, kind]) => [
      {
        label: `GET ${route} first page (limit 20)`,
        path: () => `${route}?limit=20`,
        expect: own[kind].slice(0, 20),
      },
      {
        label: `GET ${route} deep page (starting_after, page ${DEEP_AFTER / 20 + 1} of ${OWN / 20})`,
        path: () => `${route}?limit=20&starting_after=${deep(kind)}`,
        expect: own[kind].slice(DEEP_AFTER, DEEP_AFTER + 20),
      },
    ]),
  ];
}

/** One answer per list endpoint: 200 and exactly the owner's expected page, nobody else's. */
async function checkAnswers(broker, token, eps, label) {
  for (const ep of eps.filter((e) => e.expect)) {
    const res = await fetch(`${broker.url}${ep.path()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = res.ok ? await res.json() : null;
    const ids = body?.data?.map((x) => x.id) ?? [];
    if (JSON.stringify(ids) !== JSON.stringify(ep.expect)) {
      throw new Error(`${label}: ${ep.label} answered ${res.status} with another page`);
    }
  }
}

export async function run({ quick, log }) {
  const rounds = quick ? 3 : 5;
  const duration = quick ? 1.5 : 4;
  const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-bench-growth-'));
  const base = path.join(dir, 'base.db');
  let sandbox;
  const rows = [];
  const results = [];
  const brokers = [];
  // Endpoint labels (the same for every size; each size has its own ids for deep pages).
  let eps = [];
  try {
    sandbox = await startChild('sandbox');
    const { ids, linkTemplate } = await createReal(sandbox.url, base);
    const token = signJwt(OWNER);
    const templates = { transfer: TRANSFER_TEMPLATE, payout_link: linkTemplate };
    for (const size of SIZES) {
      const label = `${size.toLocaleString('en-US')} stored per kind`;
      try {
        const file = path.join(dir, `growth-${size}.db`);
        for (const ext of ['', '-wal']) {
          if (existsSync(base + ext)) copyFileSync(base + ext, file + ext);
        }
        const t0 = performance.now();
        seedFlows(file, size - REAL_FLOWS);
        const own = seedLists(file, { others: size, own: OWN, owner: OWNER, templates });
        const seedS = (performance.now() - t0) / 1000;
        const pages = await checkThroughStore(file, {
          flows: size - REAL_FLOWS,
          owner: OWNER,
          ownIds: own,
          deepAfter: DEEP_AFTER,
        });
        // The owner's ids depend on where the size's timeline put them: per-size cursors.
        const sizeEps = endpoints(ids, own);
        const broker = await startChild('broker', {
          sandboxUrl: sandbox.url,
          databaseUrl: `sqlite:${file}`,
        });
        brokers.push(broker);
        await checkAnswers(broker, token, sizeEps, label);
        eps = sizeEps;
        results.push({
          size,
          label,
          seedS,
          broker,
          pages,
          eps: sizeEps,
          runs: sizeEps.map(() => []),
        });
        log(`${label}: seeded in ${seedS.toFixed(1)} s (flows, transfers, payout links)`);
      } catch (err) {
        rows.push(notRun(BENCH, label, reasonOf(err)));
      }
    }
    const runOnce = (x, e, seconds) =>
      closedLoop({
        url: x.broker.url,
        connections: CONNECTIONS,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        nextPath: x.eps[e].path,
      });
    for (const x of results) for (let e = 0; e < eps.length; e++) await runOnce(x, e, 0.5);
    for (let round = 0; round < rounds; round++) {
      for (let e = 0; e < eps.length; e++) {
        // Each round starts at a different size, so no size always runs first.
        for (const x of rotate(results, round)) {
          if (x.error) continue;
          try {
            const r = await runOnce(x, e, duration);
            assertClean(`${x.label} ${eps[e].label}`, r);
            x.runs[e].push(r);
          } catch (err) {
            x.error = reasonOf(err);
          }
        }
      }
    }
    for (const x of results) {
      x.rss = await x.broker.call('gc');
      for (const [e, ep] of eps.entries()) {
        log(`${x.label} ${ep.label}: p99 per round ${x.runs[e].map((r) => r.p99).join(', ')} ms`);
      }
    }
  } catch (err) {
    rows.push(notRun(BENCH, '1k → 100k → 1M stored per kind', reasonOf(err)));
  } finally {
    await closeAll(sandbox, ...brokers);
    rmSync(dir, { recursive: true, force: true });
  }
  for (const x of results) if (x.error) rows.push(notRun(BENCH, x.label, x.error));
  const done = results.filter((x) => !x.error && x.runs[0]?.length > 0);
  rows.push(...growthRows(BENCH, done, eps, { connections: CONNECTIONS, duration }));
  const largest = results.at(-1);
  if (largest?.pages) rows.push(...planRows(BENCH, largest, log));
  return rows;
}

/** `list` rotated left by `n` places. */
function rotate(list, n) {
  const k = list.length === 0 ? 0 : n % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}
