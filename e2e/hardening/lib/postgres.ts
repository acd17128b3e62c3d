import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster this suite owns (so that it may restart it). */
export interface OwnPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl restart -m fast`: every connection is dropped, same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const v = readdirSync(root)
    .filter((d) => existsSync(join(root, d, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return v ? join(root, v, 'bin') : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a cluster (initdb + pg_ctl, fsync off) in a temp dir on a free port, as user
 * `postgres` when running as root. Resolves `undefined` when Debian's postgresql is absent.
 */
export async function startOwnPostgres(): Promise<OwnPostgres | undefined> {
  const bin = postgresBin();
  if (!bin) return undefined;
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'dotskit-hardening-pg-'));
  const data = join(dir, 'data');
  let prefix: string[] = [];
  if (process.getuid?.() === 0) {
    await run('id', ['-u', 'postgres']).catch(() => run('useradd', ['-r', '-M', 'postgres']));
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    await chown(dir, uid, uid);
    prefix = ['runuser', '-u', 'postgres', '--'];
  }
  const pg = (tool: string, args: string[]) =>
    prefix.length
      ? run(prefix[0] as string, [...prefix.slice(1), join(bin, tool), ...args])
      : run(join(bin, tool), args);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off`;
  const ctl = (action: string) =>
    pg('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-m', 'fast', '-w', action]);
  await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  await ctl('start');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    async createDatabase(name) {
      await pg('psql', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-c',
        `create database ${name}`,
      ]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    restart: async () => {
      await ctl('restart');
    },
    async stop() {
      await ctl('stop').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
