// Part 3 of broker-overhead.mjs: N concurrent SSE streams on one broker process.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { jwt, openStream, pct, svixSigner } from './clients.mjs';
import { rpc, rssMb, spawnServer, stop } from './processes.mjs';

/**
 * Opens `n` streams (one principal each) on a fresh broker against `sandboxUrl`, then sends
 * up to 200 signed webhooks for flows those principals own and times each from its 2xx to
 * the event arriving on the owner's stream. Resolves to open time, RSS before / with the
 * streams (MB) and latency p50 / p99 (ms).
 */
export async function sseRun(sandboxUrl, n, dir) {
  const broker = await spawnServer('broker', { sandboxUrl, dbFile: path.join(dir, `sse-${n}.db`) });
  try {
    const baseline = rssMb(broker.pid);
    const waiting = new Map();
    const sockets = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i += 250) {
      const batch = [];
      for (let j = i; j < Math.min(n, i + 250); j++) {
        batch.push(
          jwt(`sse-${j}`).then((t) =>
            openStream(broker.url, t, (flow) => {
              const resolve = waiting.get(flow.id);
              if (resolve && flow.completed_steps) resolve(performance.now());
            }),
          ),
        );
      }
      sockets.push(...(await Promise.all(batch)));
    }
    const openSeconds = (performance.now() - t0) / 1000;
    global.gc?.();
    await new Promise((r) => setTimeout(r, 500));
    const rss = rssMb(broker.pid);
    const samples = Math.min(200, n);
    const owners = Array.from(
      { length: samples },
      (_, k) => `sse-${Math.floor((k * n) / samples)}`,
    );
    const { ids } = await rpc(broker, { op: 'createFlows', owners });
    const sign = await svixSigner();
    const latencies = [];
    for (let k = 0; k < ids.length; k += 10) {
      await Promise.all(
        ids.slice(k, k + 10).map(async (flowId) => {
          const arrived = new Promise((resolve) => waiting.set(flowId, resolve));
          const body = JSON.stringify({ event: 'flow.updated', flow_id: flowId });
          const res = await fetch(`${broker.url}/webhooks`, {
            method: 'POST',
            headers: sign(`msg_${randomUUID()}`, body),
            body,
          });
          const accepted = performance.now();
          if (res.status !== 200) throw new Error(`webhook ${res.status}`);
          latencies.push(Math.max(0, (await arrived) - accepted));
        }),
      );
    }
    for (const s of sockets) s.destroy();
    return {
      n,
      openSeconds,
      baseline,
      rss,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      samples: latencies.length,
    };
  } finally {
    await stop(broker);
  }
}
