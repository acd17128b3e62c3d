import { BROKER_EVENT_TYPES, parseBrokerEvent } from '@dotskit/api/wire';
import { expect, it } from 'vitest';
import { openSse, type SseClient, type SseMessage } from '../sse-client';
import { type BrokerContractTarget, call, expectBrokerError, uniquePrincipal } from './target';

/** A message's event id; the broker numbers every event it sends, so none may lack one. */
function idOf(m: SseMessage | undefined): number {
  expect(m?.id, 'an event without an id').toBeTypeOf('number');
  return m?.id ?? Number.NaN;
}

/**
 * Contract cases of `GET /events`: the frame and its data (the bare resource as
 * `GET /<kind>/:id` answers it, the bare wallet for `wallet.updated`), a principal's
 * stream carrying only its own events and only those its scopes cover, and replay after
 * `Last-Event-ID`.
 */
export function eventCases(get: () => BrokerContractTarget): void {
  const streams: SseClient[] = [];
  const open = async (t: BrokerContractTarget, token: string, lastEventId?: number) => {
    const stream = await openSse(`${t.url}/events`, token, lastEventId, t.fetch);
    streams.push(stream);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    return stream;
  };
  const close = () => {
    for (const s of streams.splice(0)) s.close();
  };
  const linkOf = (m: SseMessage) => (m.data as { id: string }).id;
  const newLink = async (t: BrokerContractTarget, token: string) =>
    (await call(t, 'POST', '/payout-links', { token, body: { amount: 700 } })).body.id;

  it('needs a token; sends a changed resource as `event: <kind>.updated` with the bare resource as data', async () => {
    const t = get();
    try {
      expectBrokerError(await call(t, 'GET', '/events'), 'unauthorized');
      const ann = uniquePrincipal('ann');
      const token = await t.token(ann);
      const stream = await open(t, token);
      const id = await newLink(t, token);
      await t.claimPayoutLink(id);
      const changed = await stream.next(
        (m) =>
          m.event === 'payout_link.updated' &&
          linkOf(m) === id &&
          (m.data as { status: string }).status === 'claimed',
        15_000,
      );
      const data = changed.data as Record<string, unknown>;
      expect(Number.isInteger(changed.id)).toBe(true);
      expect(data).not.toHaveProperty('resource');
      expect(data).not.toHaveProperty('resource_id');
      expect(data).toMatchObject({ id, amount: 700 });
      // The wire's own reader takes it as it is.
      const frame = { id: String(changed.id), event: changed.event, data: JSON.stringify(data) };
      expect(parseBrokerEvent(frame)).toMatchObject({ kind: 'payout_link', resource: { id } });
      const read = await call(t, 'GET', `/payout-links/${id}`, { token });
      expect(read.body.status).toBe(data.status);
      for (const m of stream.messages)
        expect([...BROKER_EVENT_TYPES, 'wallet.updated']).toContain(m.event);
    } finally {
      close();
    }
  });

  it('a finished flow: flow.updated covering its steps, then flow.completed; its user becomes the principal’s', async () => {
    const t = get();
    try {
      const ann = uniquePrincipal('ann');
      const token = await t.token(ann);
      const stream = await open(t, token);
      const flow = (await call(t, 'POST', '/flows', { token, body: { steps: ['compliance'] } }))
        .body;
      await t.completeFlow(flow.id);
      const done = await stream.next(
        (m) => m.event === 'flow.completed' && linkOf(m) === flow.id,
        15_000,
      );
      const data = done.data as { completed_steps: string[]; user_id: string };
      expect(data).toMatchObject({ id: flow.id, steps: ['compliance'] });
      expect(data.completed_steps).toEqual(['compliance']);
      const updated = stream.messages.find(
        (m) =>
          m.event === 'flow.updated' &&
          linkOf(m) === flow.id &&
          (m.data as { completed_steps: string[] }).completed_steps.length === 1,
      );
      expect(idOf(updated)).toBeLessThan(idOf(done));
      const wallet = await call(t, 'GET', '/wallet', { token });
      expect([wallet.status, wallet.body.user_id]).toEqual([200, data.user_id]);
    } finally {
      close();
    }
  });

  it('streams a principal only its own events, and wallet.updated with the bare wallet', async () => {
    const t = get();
    try {
      const [ann, bob] = [uniquePrincipal('ann'), uniquePrincipal('bob')];
      const [annToken, bobToken] = [await t.token(ann), await t.token(bob)];
      const annStream = await open(t, annToken);
      const bobStream = await open(t, bobToken);
      const annLink = await newLink(t, annToken);
      await t.claimPayoutLink(annLink);
      await annStream.next(
        (m) => m.event === 'payout_link.updated' && linkOf(m) === annLink,
        15_000,
      );
      await t.linkUser(bob);
      const bobTransfer = await t.fund(bob, 400);
      const wallet = await bobStream.next((m) => m.event === 'wallet.updated', 15_000);
      await bobStream.next((m) => m.event === 'transfer.updated' && linkOf(m) === bobTransfer);
      expect(Object.keys(wallet.data as object).sort()).toEqual([
        'amount',
        'credit_balance',
        'user_id',
        'withdrawable_amount',
      ]);
      // Ann's events came first; Bob's stream, which has his since, never had hers.
      expect(bobStream.messages.some((m) => JSON.stringify(m.data).includes(annLink))).toBe(false);
      expect(annStream.messages.some((m) => JSON.stringify(m.data).includes(bobTransfer))).toBe(
        false,
      );
    } finally {
      close();
    }
  });

  it('sends a stream only the events its scopes cover', async () => {
    const t = get();
    try {
      const ann = uniquePrincipal('ann');
      const full = await open(t, await t.token(ann));
      const payoutsOnly = await open(t, await t.token(ann, ['payouts:read']));
      const id = await newLink(t, await t.token(ann));
      await t.claimPayoutLink(id);
      await full.next((m) => m.event === 'payout_link.updated' && linkOf(m) === id, 15_000);
      const transfer = await t.fund(ann, 250);
      await full.next((m) => m.event === 'transfer.updated' && linkOf(m) === transfer, 15_000);
      await payoutsOnly.next((m) => m.event === 'transfer.updated' && linkOf(m) === transfer);
      // Events reach a principal's streams in one order: the link's came before.
      expect(payoutsOnly.messages.map((m) => m.event)).not.toContain('payout_link.updated');
      expect(
        payoutsOnly.messages.every((m) => /^(transfer|wallet|payout_batch)\./.test(m.event)),
      ).toBe(true);
    } finally {
      close();
    }
  });

  it('replays what a principal missed after Last-Event-ID', async () => {
    const t = get();
    try {
      const ann = uniquePrincipal('ann');
      const token = await t.token(ann);
      const live = await open(t, token);
      const ids = [await newLink(t, token), await newLink(t, token)];
      for (const id of ids) await t.claimPayoutLink(id);
      const last = await live.next(
        (m) => m.event === 'payout_link.updated' && linkOf(m) === ids[1],
        15_000,
      );
      const replayed = await open(t, token, 0);
      await replayed.next((m) => m.id === last.id, 15_000);
      const seen = (s: SseClient) =>
        s.messages.filter((m) => idOf(m) <= idOf(last)).map((m) => m.id);
      expect(seen(replayed)).toEqual(seen(live));
      const firstId = idOf(live.messages[0]);
      const after = await open(t, token, firstId);
      await after.next((m) => m.id === last.id, 15_000);
      expect(after.messages.every((m) => idOf(m) > firstId)).toBe(true);
    } finally {
      close();
    }
  });
}
