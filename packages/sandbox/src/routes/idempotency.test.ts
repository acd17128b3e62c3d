import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../test-support/helpers';
import { IDEMPOTENCY_TTL_MS } from './idempotency';

/** Dots takes UUIDs as idempotency keys; `uuid(7)` → `00000000-0000-4000-8000-000000000007`. */
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('idempotency keys', () => {
  it('answers a repeat with the first response, byte for byte, status and type included', async () => {
    const s = makeSandbox();
    const key = crypto.randomUUID();
    const first = await s.api.post('/v2/flows', { steps: ['compliance'], idempotency_key: key });
    const again = await s.api.post('/v2/flows', { steps: ['payout'], idempotency_key: key });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(s.engine.store.flows.size).toBe(1);
  });

  it('forgets keys past their 24 hours as new keys arrive, so the sandbox holds a day of them', async () => {
    const s = makeSandbox();
    for (let i = 0; i < 5; i++)
      await s.api.post('/v2/flows', { steps: ['compliance'], idempotency_key: uuid(i) });
    s.engine.clock.advance(IDEMPOTENCY_TTL_MS / 2);
    await s.api.post('/v2/flows', { steps: ['compliance'], idempotency_key: uuid(100) });
    expect(s.engine.store.idempotency.size).toBe(6);
    s.engine.clock.advance(IDEMPOTENCY_TTL_MS / 2);
    await s.api.post('/v2/flows', { steps: ['compliance'], idempotency_key: uuid(101) });
    expect([...s.engine.store.idempotency.keys()].map((k) => k.split(' ').pop())).toEqual([
      uuid(100),
      uuid(101),
    ]);
  });

  it('moves a re-used expired key to the end, so the keys that expire before it are still forgotten', async () => {
    const s = makeSandbox();
    const a = await s.api.post('/v2/flows', { steps: ['compliance'], idempotency_key: uuid(1) });
    s.engine.clock.advance(IDEMPOTENCY_TTL_MS / 2);
    await s.api.post('/v2/flows', { steps: ['compliance'], idempotency_key: uuid(2) });
    s.engine.clock.advance(IDEMPOTENCY_TTL_MS / 2);
    // Key 1 has expired: the same key makes a new flow and is kept from now on.
    const a2 = await s.api.post('/v2/flows', { steps: ['compliance'], idempotency_key: uuid(1) });
    expect(a2.body.id).not.toBe(a.body.id);
    s.engine.clock.advance(IDEMPOTENCY_TTL_MS * 0.6);
    await s.api.post('/v2/flows', { steps: ['compliance'], idempotency_key: uuid(3) });
    expect([...s.engine.store.idempotency.keys()].map((k) => k.split(' ').pop())).toEqual([
      uuid(1),
      uuid(3),
    ]);
    const again = await s.api.post('/v2/flows', {
      steps: ['compliance'],
      idempotency_key: uuid(1),
    });
    expect(again.body.id).toBe(a2.body.id);
  });
});
