// PostgreSQL for the benchmarks: DOTSKIT_TEST_PG_URL when set, otherwise a throwaway
// cluster from .ci/pg.sh (Debian's postgresql). Each use gets its own fresh database.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { repoRoot, requireFrom } from './load.mjs';

/**
 * Resolves { url, drop() } for a new empty database, or throws with the reason
 * (no PostgreSQL installed, cluster failed to start…).
 */
export async function freshDatabase() {
  let serverUrl = process.env.DOTSKIT_TEST_PG_URL;
  let stop = () => {};
  if (!serverUrl) {
    const script = path.join(repoRoot, '.ci', 'pg.sh');
    const r = spawnSync('bash', [script, 'start'], { encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(
        `no PostgreSQL: set DOTSKIT_TEST_PG_URL or install postgresql (${(r.stderr || '').trim().split('\n').pop()})`,
      );
    }
    const vars = Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/=(.*)/s).slice(0, 2)),
    );
    serverUrl = vars.DOTSKIT_TEST_PG_URL;
    stop = () => spawnSync('bash', [script, 'stop', vars.DOTSKIT_PG_DIR, vars.DOTSKIT_PG_BIN]);
  }
  const { Client } = requireFrom('@dotskit/broker')('pg');
  const name = `dotskit_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    await admin.end().catch(() => {});
    stop();
    throw err;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end().catch(() => {});
      stop();
    },
  };
}
