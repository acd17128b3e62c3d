import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll } from 'vitest';
import { type BrokerProcess, startBrokerProcess } from './broker-process';
import { bearer, request } from './http';
import { tokenFor } from './jwt';
import { type SandboxHandle, startSandboxHandle } from './sandbox';
import { printTable } from './table';

/** Cases per property (HARDENING_FUZZ_RUNS, default 150). */
export const RUNS = Number(process.env.HARDENING_FUZZ_RUNS ?? 150);

interface Row {
  target: string;
  property: string;
  cases: number;
  statuses: Map<string, number>;
  fiveXx: number;
}

/** What a test file's fuzz stack gives its tests once `beforeAll` has run. */
export interface FuzzStack {
  /** The broker child process's base URL. */
  readonly url: string;
  /** A flow and a payout link created by the principal `fuzz-owner`. */
  readonly flowId: string;
  readonly linkId: string;
  /**
   * Runs `send` for each value of `arb` as a fast-check async property; records statuses;
   * fails (with fast-check's shrunk counterexample) when the status is a 5xx or not in
   * `allowed`, or when the broker process is gone.
   */
  fuzz<T>(
    target: string,
    property: string,
    arb: fc.Arbitrary<T>,
    send: (value: T) => Promise<{ status: number | string; body?: unknown }>,
    allowed: (status: number, value: T) => boolean,
    numRuns?: number,
  ): Promise<void>;
}

/**
 * Registers `beforeAll`/`afterAll` for one test file: the sandbox in process, a broker child
 * process on SQLite with rate limits off, and `fuzz-owner`'s flow and payout link; afterwards
 * prints the file's table (`title`, every property's statuses and 5xx count) to
 * `results/hostile-input.md`. Read the returned object's fields inside tests only.
 */
export function fuzzStackPerFile(title: string): FuzzStack {
  let sandbox: SandboxHandle;
  let broker: BrokerProcess;
  const rows: Row[] = [];
  const stack = {
    url: '',
    flowId: '',
    linkId: '',
    async fuzz<T>(
      target: string,
      property: string,
      arb: fc.Arbitrary<T>,
      send: (value: T) => Promise<{ status: number | string; body?: unknown }>,
      allowed: (status: number, value: T) => boolean,
      numRuns = RUNS,
    ): Promise<void> {
      const row: Row = { target, property, cases: 0, statuses: new Map(), fiveXx: 0 };
      rows.push(row);
      await fc.assert(
        fc.asyncProperty(arb, async (value) => {
          row.cases++;
          const res = await send(value);
          const key = String(res.status);
          row.statuses.set(key, (row.statuses.get(key) ?? 0) + 1);
          if (typeof res.status === 'number' && res.status >= 500) row.fiveXx++;
          if (!broker.alive())
            throw new Error(`broker process died: ${broker.stderr().slice(-800)}`);
          if (typeof res.status !== 'number') throw new Error(`network error ${res.status}`);
          if (res.status >= 500 || !allowed(res.status, value))
            throw new Error(
              `${target}: status ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`,
            );
        }),
        { numRuns, endOnFailure: true },
      );
    },
  };

  beforeAll(async () => {
    sandbox = await startSandboxHandle();
    const dir = mkdtempSync(join(tmpdir(), 'dotskit-hardening-'));
    broker = await startBrokerProcess({
      sandboxUrl: sandbox.url,
      databaseUrl: `sqlite:${join(dir, 'broker.db')}`,
      noRateLimit: true,
    });
    stack.url = broker.url;
    const owner = bearer(tokenFor('fuzz-owner'));
    const flow = await request('POST', `${broker.url}/flows`, {
      headers: owner,
      body: { steps: ['compliance'] },
    });
    const link = await request('POST', `${broker.url}/payout-links`, {
      headers: owner,
      body: { amount: 100 },
    });
    stack.flowId = String((flow.body as { id: string }).id);
    stack.linkId = String((link.body as { id: string }).id);
  });

  afterAll(async () => {
    const alive = broker?.alive();
    await broker?.stop();
    await sandbox?.close();
    const total = rows.reduce((n, r) => n + r.cases, 0);
    printTable(
      `Hostile input (issue 8 part 2), ${title}: ${total} cases, broker process ${alive ? 'alive throughout' : 'DIED'}`,
      rows.map((r) => ({
        target: r.target,
        property: r.property,
        cases: r.cases,
        'statuses seen': [...r.statuses]
          .sort()
          .map(([s, n]) => `${s}×${n}`)
          .join(', '),
        '5xx': r.fiveXx,
      })),
      'hostile-input',
    );
  });

  return stack;
}
