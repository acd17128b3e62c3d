import { describe, expect, it } from 'vitest';
import { DotsError } from '../errors';
import { createDotsClient } from './create-client';
import { FETCH_TIMEOUT_MS } from './fetch-timeout';

const ID = 'b3293101-35ef-451a-aad4-881da3697c2f';
const FLOW = { id: ID, link: 'https://example.com/flow', steps: [], completed_steps: [] };

/** A `fetch` marked as enforcing FETCH_TIMEOUT_MS that records each init and answers `answer()`. */
function markedFetch(answer: () => Promise<Response>) {
  const inits: RequestInit[] = [];
  const f = Object.assign(
    async (_input: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init ?? {});
      return answer();
    },
    { [FETCH_TIMEOUT_MS]: true },
  ) as unknown as typeof fetch;
  return { f, inits };
}

const client = (f: typeof fetch) =>
  createDotsClient({
    clientId: 'c',
    apiKey: 'k',
    environment: { baseUrl: 'http://127.0.0.1:9/api' },
    fetch: f,
    timeoutMs: 1_234,
    maxRetries: 0,
    strict: false,
  });

describe('a fetch that enforces its own timeout', () => {
  it('gets the timeout in init and no AbortSignal when the caller passed none', async () => {
    const { f, inits } = markedFetch(async () => Response.json(FLOW));
    await client(f).flows.retrieve(ID);
    expect((inits[0] as Record<symbol, unknown>)[FETCH_TIMEOUT_MS]).toBe(1_234);
    expect(inits[0]?.signal).toBeUndefined();
  });

  it("gets an AbortSignal (and the client's own timer) when the caller passed a signal", async () => {
    const { f, inits } = markedFetch(async () => Response.json(FLOW));
    await client(f).flows.retrieve(ID, { signal: new AbortController().signal });
    expect(inits[0]?.signal).toBeInstanceOf(AbortSignal);
    expect((inits[0] as Record<symbol, unknown>)[FETCH_TIMEOUT_MS]).toBeUndefined();
  });

  it('its TimeoutError is the same DotsError timeout as the abort-based one', async () => {
    const { f } = markedFetch(async () => {
      throw new DOMException('Timed out after 1234 ms', 'TimeoutError');
    });
    const err = await client(f)
      .flows.retrieve(ID)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DotsError);
    expect(err).toMatchObject({
      code: 'timeout',
      message: `[dotskit] Dots request timed out after 1234 ms (GET /v2/flows/${ID})`,
    });
  });

  it('any other rejection is a network error', async () => {
    const { f } = markedFetch(async () => {
      throw new Error('ECONNRESET');
    });
    await expect(client(f).flows.retrieve(ID)).rejects.toMatchObject({ code: 'network_error' });
  });
});
