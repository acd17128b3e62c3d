import { type ChildProcess, spawn } from 'node:child_process';

// A yardstick for the soak's per-window table: a small process that, twice a second, runs
// the same fixed piece of work and reports the CPU time it took. When the broker, the
// sandbox and the load generator all need more CPU per request late in a run, this tells
// whether the machine got slower (the yardstick slows too: a busy hyperthread sibling,
// frequency, a neighbour's cache use) or the processes' own work grew (it does not).

const PROBE = `
const { createHash } = require('node:crypto');
const data = Buffer.alloc(64 * 1024, 7);
const doc = { id: 'x'.repeat(36), steps: ['compliance', 'manage-payouts'], metadata: { n: 1 } };
setInterval(() => {
  const t = process.cpuUsage();
  for (let i = 0; i < 20; i++) createHash('sha256').update(data).digest();
  for (let i = 0; i < 2000; i++) JSON.parse(JSON.stringify(doc));
  const d = process.cpuUsage(t);
  process.stdout.write(Date.now() + ' ' + (d.user + d.system) / 1000 + '\\n');
}, 500);
`;

/** One yardstick reading: when (epoch ms) and the CPU ms the fixed work took. */
export interface ReferenceSample {
  at: number;
  cpuMs: number;
}

/** Starts the yardstick process; `samples` fills as it reports, `stop()` ends it. */
export function startCpuReference(): { samples: ReferenceSample[]; stop(): void } {
  const samples: ReferenceSample[] = [];
  const child: ChildProcess = spawn(process.execPath, ['-e', PROBE], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const [at, cpuMs] = line.split(' ').map(Number);
      if (Number.isFinite(at) && Number.isFinite(cpuMs))
        samples.push({ at: at as number, cpuMs: cpuMs as number });
    }
  });
  return { samples, stop: () => void child.kill('SIGKILL') };
}
