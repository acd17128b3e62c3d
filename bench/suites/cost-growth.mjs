// 6. Cost growth: broker p99 of GET /flows/:id and RSS with 1k, 100k and 1M stored flows
// (SQLite). The measured principal's flows are created through a broker; that database is
// copied once per size and ownership rows of other principals are seeded straight into
// each copy (one transaction, the store's own schema, checked back through the store).
// One broker process per size; autocannon rounds alternate between them so that a change
// in background load hits every size alike. Per size: median of the rounds' p99; the
// ratio to 1k is the median of the per-round ratios (each round's sizes ran back to back).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signJwt } from '../lib/auth.mjs';
import { closeAll, startChild } from '../lib/child.mjs';
import { loadWorkspace, requireFrom } from '../lib/load.mjs';
import { assertClean, load } from '../lib/load-test.mjs';
import { notRun, reasonOf, row } from '../lib/rows.mjs';
import { mean, median, ratio, round } from '../lib/stats.mjs';

const BENCH = '6. Cost growth';
const SIZES = [1000, 100_000, 1_000_000];
const REAL_FLOWS = 20;
// Below saturation, so that p99 shows what a lookup costs rather than queueing behind
// the broker's slowest writes (the overhead suite measures the saturated case).
const CONNECTIONS = 2;
const MiB = 2 ** 20;
const OWNER = 'cost-growth-user';

export async function run({ quick, log }) {
  const rounds = quick ? 3 : 5;
  const duration = quick ? 1.5 : 6;
  const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-bench-growth-'));
  const base = path.join(dir, 'base.db');
  let sandbox;
  const brokers = [];
  const rows = [];
  const results = [];
  try {
    sandbox = await startChild('sandbox');
    // The principal's real flows: created through the broker, so owned and known to Dots.
    const creator = await startChild('broker', {
      sandboxUrl: sandbox.url,
      databaseUrl: `sqlite:${base}`,
    });
    const token = signJwt(OWNER);
    const ids = [];
    try {
      for (let i = 0; i < REAL_FLOWS; i++) {
        const res = await fetch(`${creator.url}/flows`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ steps: ['compliance', 'manage-payouts'] }),
        });
        if (!res.ok) throw new Error(`POST /flows answered ${res.status}`);
        ids.push((await res.json()).id);
      }
    } finally {
      await creator.close();
    }
    for (const size of SIZES) {
      const label = `${size.toLocaleString('en-US')} stored flows`;
      try {
        const file = path.join(dir, `flows-${size}.db`);
        for (const ext of ['', '-wal']) {
          if (existsSync(base + ext)) copyFileSync(base + ext, file + ext);
        }
        const t0 = performance.now();
        seed(file, 0, size - REAL_FLOWS);
        const seedS = (performance.now() - t0) / 1000;
        await checkThroughStore(`sqlite:${file}`, size - REAL_FLOWS);
        const broker = await startChild('broker', {
          sandboxUrl: sandbox.url,
          databaseUrl: `sqlite:${file}`,
        });
        brokers.push(broker);
        results.push({ size, label, seedS, broker, runs: [] });
      } catch (err) {
        rows.push(notRun(BENCH, label, reasonOf(err)));
      }
    }
    const optsFor = (broker) => {
      let i = 0;
      return {
        url: broker.url,
        connections: CONNECTIONS,
        headers: { authorization: `Bearer ${token}` },
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: `/flows/${ids[i++ % ids.length]}` }),
          },
        ],
      };
    };
    for (const x of results) await load({ ...optsFor(x.broker), duration: 1 });
    for (let round = 0; round < rounds; round++) {
      // Each round starts at a different size, so no size always runs first.
      for (const x of rotate(results, round)) {
        if (x.error) continue;
        try {
          const r = await load({ ...optsFor(x.broker), duration });
          assertClean(x.label, r);
          x.runs.push(r);
        } catch (err) {
          x.error = reasonOf(err);
        }
      }
    }
    for (const x of results) {
      x.rss = await x.broker.call('gc');
      log(
        `${x.label}: p99 per round ${x.runs.map((r) => r.p99).join(', ')} ms; RSS ${(x.rss / MiB).toFixed(0)} MiB`,
      );
    }
  } catch (err) {
    rows.push(notRun(BENCH, '1k → 100k → 1M stored flows', reasonOf(err)));
  } finally {
    await closeAll(sandbox, ...brokers);
    rmSync(dir, { recursive: true, force: true });
  }
  const done = results.filter((x) => !x.error && x.runs.length > 0);
  for (const x of results) if (x.error) rows.push(notRun(BENCH, x.label, x.error));
  const first = done.find((x) => x.size === SIZES[0]);
  for (const x of done) {
    x.p99 = round(median(x.runs.map((r) => r.p99)), 1);
  }
  for (const x of done) {
    const isBase = x === first;
    const paired =
      first && !isBase
        ? x.runs.map((r, i) => r.p99 / (first.runs[i]?.p99 ?? Number.NaN)).filter(Number.isFinite)
        : [];
    const p99Ratio = paired.length > 0 ? round(median(paired), 2) : null;
    rows.push(
      row({
        benchmark: BENCH,
        subject: `GET /flows/:id p99, ${x.label}`,
        figure: x.p99,
        unit: 'ms',
        baseline: isBase || !first ? null : first.label,
        baselineFigure: isBase || !first ? null : first.p99,
        ratio: p99Ratio,
        target: isBase ? null : '≤ 1.5× the 1k figure',
        met: p99Ratio === null ? null : p99Ratio <= 1.5,
        note:
          `median of ${x.runs.length} rounds' p99 (${x.runs.map((r) => r.p99).join(', ')} ms), rounds alternating between sizes` +
          (paired.length > 0
            ? `; ratio = median of per-round ratios (${paired.map((v) => v.toFixed(2)).join(', ')})`
            : '') +
          '; ' +
          `${Math.round(mean(x.runs.map((r) => r.rps)))} req/s, p50 ${median(x.runs.map((r) => r.p50))} ms; ${CONNECTIONS} connections, ${duration} s per round; rows seeded in ${x.seedS.toFixed(1)} s`,
      }),
      row({
        benchmark: BENCH,
        subject: `broker RSS, ${x.label}`,
        figure: round(x.rss / MiB, 0),
        unit: 'MiB',
        baseline: isBase || !first ? null : first.label,
        baselineFigure: isBase || !first ? null : round(first.rss / MiB, 0),
        ratio: isBase || !first ? null : ratio(x.rss, first.rss),
      }),
    );
  }
  return rows;
}

const seedId = (n) => `flow_seed_${n.toString(36).padStart(8, '0')}`;
const seedOwner = (n) =>
  `seed-user-${Math.floor(n / 10)
    .toString(36)
    .padStart(8, '0')}`;

/**
 * Adds ownership rows `from`..`to` (flows of 10 principals each, none the measured one)
 * in one transaction; returns `to`.
 */
function seed(file, from, to) {
  const Database = requireFrom('@dotskit/broker')('better-sqlite3');
  const db = new Database(file);
  try {
    // Seeding only: no fsync per page and a large cache; the broker reopens the file with
    // its own settings.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const insert = db.prepare(
      'INSERT INTO ownership (kind, id, owner, created_at) VALUES (?, ?, ?, ?)',
    );
    const now = Date.now();
    db.transaction(() => {
      for (let n = from; n < to; n++) {
        insert.run('flow', seedId(n), seedOwner(n), now - (to - n));
      }
    })();
    return to;
  } finally {
    db.close();
  }
}

/** Checks through the broker's own store that the seeded rows are what it reads. */
async function checkThroughStore(databaseUrl, seeded) {
  const broker = await loadWorkspace('@dotskit/broker');
  const open = broker.createStoreFromUrl ?? broker.openStore;
  if (!open) throw new Error('@dotskit/broker exports neither createStoreFromUrl nor openStore');
  const store = open(databaseUrl);
  await store.init();
  try {
    const n = seeded - 1;
    const owner = await store.getOwner('flow', seedId(n));
    if (owner !== seedOwner(n)) {
      throw new Error(`seeded rows are not visible through the store (got owner ${owner})`);
    }
  } finally {
    await store.close();
  }
}

/** `list` rotated left by `n` places. */
function rotate(list, n) {
  const k = list.length === 0 ? 0 : n % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}
