// Child-process entry of the hardening suite's sandbox (the soak runs it apart from the
// load generator, so that neither one's event-loop delay or GC shows up in the other's
// figures). Prints `listening on <url>` once it listens; answers the parent over IPC
// ({id, cmd} → {id, result}): `totals` (webhooks queued / failed since start) and `sizes`
// (its maps and its webhook log). HARDENING_SOAK_DIAG=<file>: one line of this process's
// diagnostics per second (soak-diag.ts).
import { startSandbox } from '@dotskit/sandbox';
import { HARDENING_SANDBOX_OPTIONS } from './constants';
import { probeToFile } from './soak-diag';

async function main(): Promise<void> {
  probeToFile(process.env.HARDENING_SOAK_DIAG);
  const running = await startSandbox(HARDENING_SANDBOX_OPTIONS);
  const engine = running.sandbox;
  const commands: Record<string, () => unknown> = {
    totals: () => engine.webhooks.totals(),
    sizes: () => {
      const sizes: Record<string, number> = {};
      for (const [k, v] of Object.entries(engine.store)) if (v instanceof Map) sizes[k] = v.size;
      sizes.webhookLog = engine.webhooks.deliveries().length;
      return sizes;
    },
  };
  process.on('message', (msg: { id: number; cmd: string }) => {
    const fn = commands[msg.cmd];
    process.send?.(
      fn ? { id: msg.id, result: fn() } : { id: msg.id, error: `unknown command ${msg.cmd}` },
    );
  });
  // The parent going away (a crashed test run) ends this process too.
  process.on('disconnect', () => void running.close().finally(() => process.exit(0)));
  process.on('SIGTERM', () => void running.close().finally(() => process.exit(0)));
  process.stdout.write(`listening on ${running.url.replace(/\/$/, '')}\n`);
}

main().catch((err) => {
  process.stderr.write(`sandbox-main: cannot start: ${String(err)}\n`);
  process.exit(1);
});
