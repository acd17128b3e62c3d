// 6. Cost growth: broker p99 of GET /flows/:id and RSS with 1k → 100k → 1M stored flows
// (SQLite). Ownership rows for other principals are seeded straight into the broker's
// SQLite file in one transaction per step (the store's own schema, created by its init()),
// then a fresh broker process is started on the file and loaded with autocannon.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signJwt } from '../lib/auth.mjs';
import { closeAll, startChild } from '../lib/child.mjs';
import { loadWorkspace, requireFrom } from '../lib/load.mjs';
import { assertClean, load } from '../lib/load-test.mjs';
import { notRun, reasonOf, row } from '../lib/rows.mjs';
import { ratio, round } from '../lib/stats.mjs';

const BENCH = '6. Cost growth';
const SIZES = [1000, 100_000, 1_000_000];
const REAL_FLOWS = 20;
const CONNECTIONS = 10;
const MiB = 2 ** 20;
const OWNER = 'cost-growth-user';

export async function run({ quick, log }) {
  const duration = quick ? 3 : 10;
  const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-bench-growth-'));
  const file = path.join(dir, 'broker.db');
  const databaseUrl = `sqlite:${file}`;
  let sandbox;
  let broker;
  const results = [];
  const rows = [];
  try {
    sandbox = await startChild('sandbox');
    // The principal's real flows: created through the broker, so owned and known to Dots.
    broker = await startChild('broker', { sandboxUrl: sandbox.url, databaseUrl });
    const token = signJwt(OWNER);
    const ids = [];
    for (let i = 0; i < REAL_FLOWS; i++) {
      const res = await fetch(`${broker.url}/flows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ steps: ['compliance', 'manage-payouts'] }),
      });
      if (!res.ok) throw new Error(`POST /flows answered ${res.status}`);
      ids.push((await res.json()).id);
    }
    await broker.close();
    broker = undefined;

    let seeded = 0;
    for (const size of SIZES) {
      const label = `${size.toLocaleString('en-US')} stored flows`;
      try {
        const t0 = performance.now();
        seeded = seed(file, seeded, size - REAL_FLOWS);
        const seedS = (performance.now() - t0) / 1000;
        await checkThroughStore(databaseUrl, seeded);
        broker = await startChild('broker', { sandboxUrl: sandbox.url, databaseUrl });
        let i = 0;
        const requests = [
          {
            method: 'GET',
            setupRequest: (req) => ({ ...req, path: `/flows/${ids[i++ % ids.length]}` }),
          },
        ];
        const opts = {
          url: broker.url,
          connections: CONNECTIONS,
          headers: { authorization: `Bearer ${token}` },
          requests,
        };
        await load({ ...opts, duration: 1 });
        const r = await load({ ...opts, duration });
        assertClean(label, r);
        const rss = await broker.call('gc');
        log(
          `${label}: seeded in ${seedS.toFixed(1)} s; ${Math.round(r.rps)} req/s p99 ${r.p99} ms RSS ${(rss / MiB).toFixed(0)} MiB`,
        );
        results.push({ size, label, r, rss, seedS });
      } catch (err) {
        rows.push(notRun(BENCH, label, reasonOf(err)));
      } finally {
        await closeAll(broker);
        broker = undefined;
      }
    }
  } catch (err) {
    rows.push(notRun(BENCH, '1k → 100k → 1M stored flows', reasonOf(err)));
  } finally {
    await closeAll(broker, sandbox);
    rmSync(dir, { recursive: true, force: true });
  }
  const base = results.find((x) => x.size === SIZES[0]);
  for (const x of results) {
    const isBase = x === base;
    const p99Ratio = base && !isBase ? ratio(x.r.p99, base.r.p99) : null;
    rows.push(
      row({
        benchmark: BENCH,
        subject: `GET /flows/:id p99, ${x.label}`,
        figure: x.r.p99,
        unit: 'ms',
        baseline: isBase || !base ? null : base.label,
        baselineFigure: isBase || !base ? null : base.r.p99,
        ratio: p99Ratio,
        target: isBase ? null : '≤ 1.5× the 1k figure',
        met: p99Ratio === null ? null : p99Ratio <= 1.5,
        note: `${Math.round(x.r.rps)} req/s, p50 ${x.r.p50} ms; ${CONNECTIONS} connections, ${duration} s; rows seeded in ${x.seedS.toFixed(1)} s`,
      }),
      row({
        benchmark: BENCH,
        subject: `broker RSS, ${x.label}`,
        figure: round(x.rss / MiB, 0),
        unit: 'MiB',
        baseline: isBase || !base ? null : base.label,
        baselineFigure: isBase || !base ? null : round(base.rss / MiB, 0),
        ratio: isBase || !base ? null : ratio(x.rss, base.rss),
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
