import { describe, expect, it } from 'vitest';
import { BrokerError } from './errors';
import {
  canonicalJson,
  createIdempotency,
  hashRequest,
  upstreamIdempotencyKey,
} from './idempotency';
import { createMemoryStore } from './store/memory-store';

const TTL = 60_000;

async function freshStore() {
  const store = createMemoryStore();
  await store.init();
  return store;
}

describe('canonical hashing', () => {
  it('ignores key order and undefined values, not array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: undefined } })).toBe('{"a":{"d":[1,2]},"b":1}');
    expect(hashRequest({ a: 1, b: 2 })).toBe(hashRequest({ b: 2, a: 1 }));
    expect(hashRequest({ a: [1, 2] })).not.toBe(hashRequest({ a: [2, 1] }));
  });

  it('derives a stable UUID per scoped key', () => {
    const key = upstreamIdempotencyKey('alice:flows:k1');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(upstreamIdempotencyKey('alice:flows:k1')).toBe(key);
    expect(upstreamIdempotencyKey('bob:flows:k1')).not.toBe(key);
  });
});

describe('createIdempotency', () => {
  it('replays a completed request without running the work again', async () => {
    const run = createIdempotency({ store: await freshStore(), ttlMs: TTL });
    let calls = 0;
    const work = async () => ({ status: 201, body: { id: `r${++calls}` } });
    const first = await run('k', 'h', work);
    const second = await run('k', 'h', work);
    expect(first).toEqual({ status: 201, body: { id: 'r1' }, replayed: false });
    expect(second).toEqual({ status: 201, body: { id: 'r1' }, replayed: true });
    expect(calls).toBe(1);
  });

  it('answers 409 for the same key with a different body', async () => {
    const run = createIdempotency({ store: await freshStore(), ttlMs: TTL });
    await run('k', 'h1', async () => ({ status: 201, body: {} }));
    const err = await run('k', 'h2', async () => ({ status: 201, body: {} })).catch((e) => e);
    expect(err).toBeInstanceOf(BrokerError);
    expect(err.status).toBe(409);
    expect(err.code).toBe('idempotency_mismatch');
  });

  it('runs concurrent identical requests once in one process', async () => {
    const run = createIdempotency({ store: await freshStore(), ttlMs: TTL });
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const work = async () => {
      calls++;
      await gate;
      return { status: 201, body: { id: 'one' } };
    };
    const all = Promise.all(Array.from({ length: 5 }, () => run('k', 'h', work)));
    release();
    const results = await all;
    expect(calls).toBe(1);
    expect(results.map((r) => r.body)).toEqual(Array(5).fill({ id: 'one' }));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('makes a second instance on the same store wait for the first (pending), then replay', async () => {
    const store = await freshStore();
    const a = createIdempotency({ store, ttlMs: TTL });
    const b = createIdempotency({ store, ttlMs: TTL });
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const running = new Promise<void>((r) => {
      started = r;
    });
    const work = async () => {
      calls++;
      started();
      await gate;
      return { status: 201, body: { id: 'shared' } };
    };
    const first = a('k', 'h', work);
    await running;
    const second = b('k', 'h', work);
    release();
    expect((await first).replayed).toBe(false);
    expect(await second).toEqual({ status: 201, body: { id: 'shared' }, replayed: true });
    expect(calls).toBe(1);
  });

  it('releases the key when the work fails, so that a retry runs', async () => {
    const run = createIdempotency({ store: await freshStore(), ttlMs: TTL });
    await expect(run('k', 'h', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(await run('k', 'h', async () => ({ status: 201, body: { ok: true } }))).toMatchObject({
      replayed: false,
    });
  });

  it('gives up waiting on a key pending elsewhere with a 409 and Retry-After', async () => {
    const store = await freshStore();
    await store.claimIdempotency('k', 'h', TTL);
    const run = createIdempotency({ store, ttlMs: TTL, waitMs: 100 });
    const err = await run('k', 'h', async () => ({ status: 201, body: {} })).catch((e) => e);
    expect(err.code).toBe('idempotency_in_progress');
    expect(err.headers).toEqual({ 'Retry-After': '1' });
  });

  it("keeps a slow request's claim by renewing it, and lets a retry take over a dead one", async () => {
    // A 150 ms lease: the running request renews it every 50 ms.
    const store = createMemoryStore({ idempotencyLeaseMs: 150 });
    await store.init();
    const first = createIdempotency({ store, ttlMs: TTL });
    const second = createIdempotency({ store, ttlMs: TTL });
    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 600));
      return { status: 201, body: { id: 'slow' } };
    };
    const running = first('k', 'h', slow);
    await new Promise((r) => setTimeout(r, 20));
    // Four leases later the first request is still running: the second waits, then replays.
    const waited = await second('k', 'h', slow);
    expect(waited).toEqual({ status: 201, body: { id: 'slow' }, replayed: true });
    expect(await running).toMatchObject({ replayed: false });
    expect(calls).toBe(1);

    // A claim nobody renews (its process died) is taken over once its lease ends.
    await store.claimIdempotency('dead', 'h', TTL);
    const started = Date.now();
    const retried = await second('dead', 'h', async () => ({ status: 201, body: { id: 'r' } }));
    expect(retried.replayed).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
