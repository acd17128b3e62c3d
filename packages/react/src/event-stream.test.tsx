import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDotsRuntime, resourceKey } from './store';
import { flush } from './test-support/helpers';
import { createFakeBroker } from './testing';

afterEach(() => vi.useRealTimers());

describe('shared event stream', () => {
  it('is reference-counted: opens on first acquire, closes after the last release', async () => {
    const fb = createFakeBroker();
    const rt = createDotsRuntime(fb.config);
    const r1 = rt.stream.acquire();
    const r2 = rt.stream.acquire();
    await flush();
    expect(fb.openStreams).toBe(1);
    r1();
    r1(); // releasing twice counts once
    await flush();
    expect(fb.openStreams).toBe(1);
    r2();
    await flush();
    expect(fb.openStreams).toBe(0);
    expect(fb.requests.filter((r) => r.path === '/events')).toHaveLength(1);
  });

  it('puts pushed resources in the store', async () => {
    const fb = createFakeBroker();
    const rt = createDotsRuntime(fb.config);
    const release = rt.stream.acquire();
    await flush();
    const t = fb.createTransfer();
    fb.setTransferStatus(t.id, 'completed');
    await flush();
    expect(rt.store.getState().resources[resourceKey('transfer', t.id)]).toMatchObject({
      status: 'completed',
    });
    release();
  });

  it('reconnects with backoff and Last-Event-ID after the stream drops, and uses a fresh token after 401', async () => {
    vi.useFakeTimers();
    const fb = createFakeBroker();
    let fail = false;
    const fetchSpy = vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
      fail ? Promise.reject(new TypeError('offline')) : fb.fetch(input, init),
    );
    const rt = createDotsRuntime({ ...fb.config, fetch: fetchSpy as typeof fetch });
    const release = rt.stream.acquire();
    await flush();
    const t = fb.createTransfer();
    fb.setTransferStatus(t.id, 'pending'); // event id 1
    await flush();
    // Drop the connection from the server side; the client is offline for a while.
    fail = true;
    fb.revokeToken();
    fb.dropStreams();
    fb.setTransferStatus(t.id, 'completed'); // event id 2, missed while offline
    await flush(1500);
    await flush(3000);
    fail = false;
    await flush(10_000);
    expect(fb.openStreams).toBe(1);
    const events = fb.requests.filter((r) => r.path === '/events');
    expect(events.at(-1)!.authorization).toBe('Bearer token-2');
    expect(rt.store.getState().resources[resourceKey('transfer', t.id)]).toMatchObject({
      status: 'completed',
    });
    const lastInit = fetchSpy.mock.calls.at(-1)![1] as RequestInit;
    expect((lastInit.headers as Record<string, string>)['last-event-id']).toBe('1');
    release();
    await flush();
    expect(fb.openStreams).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
