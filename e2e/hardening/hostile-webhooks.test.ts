// One of three files of fast-check properties against a broker child process (SQLite) in
// front of the sandbox (lib/fuzz.ts): any 5xx, a status outside the expected set or a dead
// process fails the property with its shrunk counterexample.
import { signWebhook } from '@dotskit/sandbox';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_SECRET } from './lib/constants';
import { fuzzStackPerFile } from './lib/fuzz';
import { bodyArb, pollutingText } from './lib/fuzz-arbitraries';
import { request } from './lib/http';

const stack = fuzzStackPerFile('the webhook receiver');

describe('the webhook receiver', () => {
  const send = (raw: string, headers: Record<string, string>) =>
    request('POST', `${stack.url}/webhooks`, {
      raw,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const signed = (
    raw: string,
    id: string,
    ts = Math.floor(Date.now() / 1000),
    secret = WEBHOOK_SECRET,
  ) => ({
    'svix-id': id,
    'svix-timestamp': String(ts),
    'svix-signature': signWebhook(secret, id, ts, raw),
  });
  let n = 0;

  it('random bodies with missing, random or forged signatures: 401', async () => {
    const forgedSecret = `whsec_${Buffer.from('not-the-endpoint-secret-at-all!!').toString('base64')}`;
    await stack.fuzz(
      'POST /webhooks',
      'unsigned / random / forged (wrong secret) signatures',
      fc.tuple(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.constantFrom('none', 'random', 'forged', 'v0'),
      ),
      ([raw, kind]) => {
        const id = `msg_fuzz_${n++}`;
        if (kind === 'none') return send(raw, {});
        if (kind === 'random')
          return send(raw, {
            'svix-id': id,
            'svix-timestamp': String(Math.floor(Date.now() / 1000)),
            'svix-signature': `v1,${Buffer.from(raw).toString('base64').slice(0, 44)}`,
          });
        if (kind === 'v0')
          return send(raw, {
            ...signed(raw, id),
            'svix-signature': signed(raw, id)['svix-signature'].replace('v1,', 'v0,'),
          });
        return send(raw, signed(raw, id, undefined, forgedSecret));
      },
      (s) => s === 401,
    );
  });

  it('a Content-Encoding the body does not match: 400, 401 or 415', async () => {
    await stack.fuzz(
      'POST /webhooks',
      'Content-Encoding gzip/deflate/br/unknown over plain bytes',
      fc.tuple(fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown'), fc.string({ maxLength: 60 })),
      ([enc, raw]) => send(raw, { ...signed(raw, `msg_enc_${n++}`), 'content-encoding': enc }),
      (s) => s === 400 || s === 401 || s === 415,
      20,
    );
  });

  it('replayed signatures on another body, id or timestamp, and stale timestamps: 401', async () => {
    const body = JSON.stringify({ event: 'flow.updated', flow_id: stack.flowId });
    await stack.fuzz(
      'POST /webhooks',
      'replayed signature (body/id/timestamp changed), stale or future timestamp',
      fc.tuple(fc.constantFrom('body', 'id', 'timestamp', 'stale', 'future'), fc.jsonValue()),
      ([kind, other]) => {
        const id = `msg_replay_${n++}`;
        const ts = Math.floor(Date.now() / 1000);
        const headers = signed(body, id, ts);
        if (kind === 'body') return send(JSON.stringify({ tampered: other }), headers);
        if (kind === 'id') return send(body, { ...headers, 'svix-id': `${id}_other` });
        if (kind === 'timestamp')
          return send(body, { ...headers, 'svix-timestamp': String(ts + 1) });
        const at = kind === 'stale' ? ts - 600 : ts + 600;
        return send(body, signed(body, id, at));
      },
      (s) => s === 401,
    );
  });

  it('correctly signed hostile payloads: 200 or 400, duplicates acknowledged once', async () => {
    await stack.fuzz(
      'POST /webhooks',
      'validly signed random / polluting / huge payloads, each sent twice',
      fc.oneof(
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        bodyArb(
          fc.constantFrom(
            'event',
            'type',
            'flow_id',
            'payout_link_id',
            'transfer_id',
            'id',
            'transfer',
          ),
        ).map((b) => JSON.stringify(b)),
        fc.constantFrom('flow.updated', 'payout_link.updated', 'transfer.completed').map((e) =>
          JSON.stringify({
            event: e,
            flow_id: stack.flowId,
            payout_link_id: stack.linkId,
            transfer_id: 'x',
            transfer: { id: 42 },
          }),
        ),
        pollutingText,
        fc
          .integer({ min: 260, max: 600 })
          .map((kb) => JSON.stringify({ event: 'flow.updated', pad: 'x'.repeat(kb * 1024) })),
      ),
      async (raw) => {
        const id = `msg_signed_${n++}`;
        const first = await send(raw, signed(raw, id));
        const again = await send(raw, signed(raw, id));
        if (
          first.status === 200 &&
          (again.status !== 200 || (again.body as { duplicate?: boolean }).duplicate !== true)
        )
          return { status: -1, body: { first: first.body, again: again.body } };
        return first;
      },
      (s) => s === 200 || s === 400 || s === 413,
    );
    const health = await request('GET', `${stack.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
