#!/usr/bin/env node
// `pnpm bench [--quick] [--only=name,name]`: runs every benchmark of issue 7 one after the
// other on this machine, prints one table and writes results.md and results.json here.
// A suite whose dependency is missing reports "not run: <reason>" rows; the run goes on.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir } from './lib/load.mjs';
import { environment, toMarkdown } from './lib/report.mjs';
import { notRun, reasonOf } from './lib/rows.mjs';

const SUITES = [
  ['bundle-size', '1. Bundle size'],
  ['broker-overhead', '2. Broker overhead'],
  ['completion-latency', '3. Completion latency'],
  ['webhook-ingest', '4. Webhook ingest'],
  ['sse-fanout', '5. SSE fan-out'],
  ['cost-growth', '6. Cost growth'],
  ['soak', '7. Soak (issue 8)'],
];

const args = process.argv.slice(2).filter((a) => a !== '--');
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
const unknown = args.filter((a) => a !== '--quick' && !a.startsWith('--only='));
if (unknown.length > 0) {
  console.error(`unknown argument(s) ${unknown.join(' ')}; use --quick and/or --only=a,b`);
  process.exit(2);
}

const started = performance.now();
const env = environment(quick ? 'quick' : 'full');
const rows = [];
// Every server loads the packages' built dist/ (lib/load.mjs); say it before the figures
// when one is not built or is older than its source, not only in the header at the end.
for (const [name, from] of Object.entries(env.packages)) {
  if (from !== 'dist') process.stdout.write(`[bench] WARNING: ${name} ${from}\n`);
}
for (const [name, title] of SUITES) {
  if (only && !only.includes(name)) continue;
  const t0 = performance.now();
  process.stdout.write(`[bench] ${title} …\n`);
  try {
    const suite = await import(`./suites/${name}.mjs`);
    const suiteRows = await suite.run({
      quick,
      log: (line) => process.stdout.write(`  ${line}\n`),
    });
    rows.push(...suiteRows);
  } catch (err) {
    rows.push(notRun(title, 'whole suite', reasonOf(err)));
    process.stdout.write(`  failed: ${err instanceof Error ? (err.stack ?? err.message) : err}\n`);
  }
  process.stdout.write(
    `[bench] ${title} done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

const durationS = (performance.now() - started) / 1000;
env.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
const markdown = toMarkdown(env, rows, durationS);
const suffix = only ? '.local' : '';
writeFileSync(path.join(benchDir, `results${suffix}.md`), markdown);
writeFileSync(
  path.join(benchDir, `results${suffix}.json`),
  `${JSON.stringify({ environment: env, durationS, rows }, null, 2)}\n`,
);
process.stdout.write(`\n${markdown}`);
// Child servers and sockets are closed by the suites; exit anyway so a stray handle in a
// dependency cannot keep the process alive.
process.exit(0);
