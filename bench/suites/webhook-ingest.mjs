// 4. Webhook ingest: POST /webhooks on the broker (Svix signature check, dedupe by svix-id,
// durable insert before the 2xx) with a unique event per request, on SQLite and on
// PostgreSQL; then the same ids redelivered (the dedupe path). autocannon signs each request.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { svixHeaders } from '../lib/auth.mjs';
import { closeAll, startChild } from '../lib/child.mjs';
import { assertClean, load } from '../lib/load-test.mjs';
import { freshDatabase } from '../lib/pg.mjs';
import { notRun, reasonOf, row } from '../lib/rows.mjs';
import { ratio, round } from '../lib/stats.mjs';

const BENCH = '4. Webhook ingest';
const CONNECTIONS = 10;

/** A flow.updated event for a flow no principal owns: stored, not fanned out. */
function eventBody(n) {
  return JSON.stringify({ event: 'flow.updated', flow_id: `flow_bench_${n}` });
}

export async function run({ quick, log }) {
  const duration = quick ? 2 : 10;
  const rows = [];
  let sandbox;
  try {
    sandbox = await startChild('sandbox');
  } catch (err) {
    return [notRun(BENCH, 'SQLite and PostgreSQL', reasonOf(err))];
  }
  try {
    const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-bench-ingest-'));
    try {
      rows.push(
        ...(await measureStore(
          'SQLite',
          `sqlite:${path.join(dir, 'broker.db')}`,
          sandbox,
          duration,
          log,
        )),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    let pg;
    try {
      pg = await freshDatabase();
    } catch (err) {
      rows.push(notRun(BENCH, 'PostgreSQL', reasonOf(err)));
    }
    if (pg) {
      try {
        rows.push(...(await measureStore('PostgreSQL', pg.url, sandbox, duration, log)));
      } finally {
        await pg.drop();
      }
    }
  } finally {
    await closeAll(sandbox);
  }
  const sqlite = rows.find((r) => r.subject === 'SQLite: new events' && r.figure !== null);
  const postgres = rows.find((r) => r.subject === 'PostgreSQL: new events' && r.figure !== null);
  if (sqlite && postgres) {
    postgres.baseline = 'SQLite new events';
    postgres.baselineFigure = sqlite.figure;
    postgres.ratio = ratio(postgres.figure, sqlite.figure);
  }
  return rows;
}

async function measureStore(label, databaseUrl, sandbox, duration, log) {
  let broker;
  try {
    broker = await startChild('broker', { sandboxUrl: sandbox.url, databaseUrl });
  } catch (err) {
    return [notRun(BENCH, label, reasonOf(err))];
  }
  try {
    const url = `${broker.url}/webhooks`;
    const prefix = randomBytes(4).toString('hex');
    const sent = [];
    let n = 0;
    const fresh = {
      method: 'POST',
      path: '/webhooks',
      setupRequest: (req) => {
        const id = `msg_${prefix}_${n}`;
        const body = eventBody(n++);
        sent.push([id, body]);
        return { ...req, headers: svixHeaders(body, undefined, id), body };
      },
    };
    // Warm-up with its own ids, then the measured run of new ids.
    await load({ url, connections: CONNECTIONS, duration: 1, requests: [fresh] });
    const before = await broker.call('countWebhookEvents');
    const r = await load({ url, connections: CONNECTIONS, duration, requests: [fresh] });
    assertClean(`${label} new events`, r);
    const stored = (await broker.call('countWebhookEvents')) - before;
    log(`${label}: ${Math.round(r.rps)} new events/s, ${r.total} answered 2xx, ${stored} stored`);
    const rows = [
      row({
        benchmark: BENCH,
        subject: `${label}: new events`,
        figure: round(r.rps, 0),
        unit: 'events/s',
        note:
          `${CONNECTIONS} connections, ${duration} s; p50 ${r.p50} ms, p99 ${r.p99} ms; ` +
          `${r.total} answered 2xx, ${stored} stored` +
          (stored < r.total ? ' (FEWER STORED THAN ACKNOWLEDGED)' : ''),
      }),
    ];
    let i = 0;
    const redeliver = {
      method: 'POST',
      path: '/webhooks',
      setupRequest: (req) => {
        const [id, body] = sent[i++ % sent.length];
        return { ...req, headers: svixHeaders(body, undefined, id), body };
      },
    };
    const beforeDup = await broker.call('countWebhookEvents');
    const d = await load({ url, connections: CONNECTIONS, duration, requests: [redeliver] });
    assertClean(`${label} redeliveries`, d);
    const added = (await broker.call('countWebhookEvents')) - beforeDup;
    log(`${label}: ${Math.round(d.rps)} redeliveries/s, ${added} stored twice`);
    rows.push(
      row({
        benchmark: BENCH,
        subject: `${label}: redelivered events (deduped)`,
        figure: round(d.rps, 0),
        unit: 'events/s',
        baseline: `${label} new events`,
        baselineFigure: round(r.rps, 0),
        ratio: ratio(d.rps, r.rps),
        note: `p50 ${d.p50} ms, p99 ${d.p99} ms; ${added} duplicates stored (must be 0)`,
      }),
    );
    return rows;
  } catch (err) {
    return [notRun(BENCH, label, reasonOf(err))];
  } finally {
    await closeAll(broker);
  }
}
