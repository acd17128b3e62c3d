import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server for tests. */
export interface TestPostgres {
  /** Connection URL of the `postgres` database, as superuser `postgres`. */
  url: string;
  /** Stops the server and deletes its files (no-op for a server given by `DOTSKIT_TEST_PG_URL`). */
  stop(): Promise<void>;
  /**
   * Restarts the server (fast shutdown: every connection is dropped) on the same port.
   * Only for a server this function started: pass `{ own: true }` to get one.
   */
  restart(): Promise<void>;
}

/**
 * Gives tests a real PostgreSQL. Uses `DOTSKIT_TEST_PG_URL` when set (unless `own`);
 * otherwise starts a throwaway cluster (initdb + pg_ctl, Debian's `postgresql`) in a temp
 * dir on a free port, as user `postgres` when running as root, with fsync off unless
 * `durable`.
 */
export async function startTestPostgres(
  options: { own?: boolean; durable?: boolean } = {},
): Promise<TestPostgres> {
  const given = process.env.DOTSKIT_TEST_PG_URL;
  if (given && !options.own && !options.durable) {
    return {
      url: given,
      stop: async () => {},
      restart: async () => {
        throw new Error(
          'restart() needs a server of its own: call startTestPostgres({ own: true })',
        );
      },
    };
  }
  const bin = findPostgresBin();
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'dotskit-pg-'));
  const data = join(dir, 'data');
  const [asUser, ...asArgs] = await serverUser(dir);
  const pg = (tool: string, args: string[]) =>
    asUser ? run(asUser, [...asArgs, join(bin, tool), ...args]) : run(join(bin, tool), args);
  // Tests trade durability for speed; `durable` (benchmarks) keeps PostgreSQL's defaults.
  const speed = options.durable ? '' : ' -c fsync=off -c full_page_writes=off';
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${speed}`;
  const ctl = (action: string) =>
    pg('pg_ctl', [
      '-D',
      data,
      '-o',
      serverOptions,
      '-l',
      join(dir, 'log'),
      '-m',
      'fast',
      '-w',
      action,
    ]);
  try {
    await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
    await ctl('start');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start a test PostgreSQL from ${bin}: ${String(error)}`, {
      cause: error,
    });
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await ctl('stop').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await ctl('restart');
    },
  };
}

function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    "PostgreSQL not found: install Debian's postgresql (initdb, pg_ctl) or set DOTSKIT_TEST_PG_URL",
  );
}

/** As root the server must run as `postgres`: returns the command prefix and chowns `dir`. */
async function serverUser(dir: string): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  try {
    await run('id', ['-u', 'postgres']);
  } catch {
    await run('useradd', ['-r', '-M', 'postgres']);
  }
  const { stdout } = await run('id', ['-u', 'postgres']);
  const uid = Number(stdout.trim());
  await chown(dir, uid, uid);
  return ['runuser', '-u', 'postgres', '--'];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
