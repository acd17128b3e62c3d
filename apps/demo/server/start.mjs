// @ts-check
/**
 * `pnpm --filter @dotskit/demo start`: the offline sandbox, the broker and the demo
 * marketplace in one process, on embedded defaults (SQLite under `.data/`). Prints the one
 * URL to open. Ctrl-C or SIGTERM stops everything.
 */
import { readConfig } from './config.mjs';
import { startDemo } from './start-demo.mjs';

const started = Date.now();
let demo;
try {
  demo = await startDemo(readConfig(process.env));
} catch (error) {
  console.error(
    `[demo] could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}

const against = demo.sandboxUrl
  ? `offline Dots sandbox at ${demo.sandboxUrl.replace(/^https?:\/\//, '')}`
  : `Dots at ${process.env.DOTS_ENVIRONMENT || 'sandbox'}`;
console.log(`\n  dotskit demo ready in ${Date.now() - started} ms (${against})`);
console.log(`\n  Open ${demo.url.replace('127.0.0.1', 'localhost')}\n`);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log('\n  stopping…');
    demo.close().then(
      () => process.exit(0),
      (error) => {
        console.error(`[demo] error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  });
}
