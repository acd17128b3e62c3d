import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreFromUrl, DEFAULT_STORE_URL } from './create-store';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dotskit-url-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createStoreFromUrl', () => {
  it('makes a memory store from memory:', async () => {
    const store = createStoreFromUrl('memory:');
    expect(store.kind).toBe('memory');
    await store.init();
    await store.close();
  });

  it('makes a SQLite store from sqlite:<path> and creates its directory', async () => {
    const filename = join(dir, '.data', 'dotskit.db');
    const store = createStoreFromUrl(`sqlite:${filename}`);
    expect(store.kind).toBe('sqlite');
    await store.init();
    expect((await stat(filename)).isFile()).toBe(true);
    await store.close();
    expect(createStoreFromUrl(`sqlite://${filename}`).kind).toBe('sqlite');
  });

  it('defaults to a SQLite file under .data/', () => {
    expect(DEFAULT_STORE_URL).toBe('sqlite:.data/dotskit.db');
  });

  it('makes a PostgreSQL store from postgres:// and postgresql:// without connecting', async () => {
    const a = createStoreFromUrl('postgres://u:p@127.0.0.1:1/db');
    const b = createStoreFromUrl('postgresql://u:p@127.0.0.1:1/db');
    expect([a.kind, b.kind]).toEqual(['postgres', 'postgres']);
    await Promise.all([a.close(), b.close()]);
  });

  it('rejects anything else with the accepted forms, never echoing the URL', () => {
    for (const url of ['mysql://root:s3cret@db/x', 'sqlite:', '', '.data/dotskit.db', 'memory']) {
      let message = '';
      let error: unknown;
      try {
        createStoreFromUrl(url);
      } catch (e) {
        error = e;
        message = (e as Error).message;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect(message).toMatch(/^\[dotskit\] .*memory:.*sqlite:<path>.*postgres:\/\//);
      expect(message).not.toContain('s3cret');
    }
  });
});
