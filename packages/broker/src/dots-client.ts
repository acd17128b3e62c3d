/**
 * The slice of the `@dotskit/api` client the broker uses. Declared structurally so that the
 * broker accepts any compatible client (a real `createDotsClient(...)`, or a wrapper that
 * counts or traces calls) without depending on the client's internals.
 */

/** Per-call options understood by the Dots client. */
export interface DotsCallOptions {
  /** The end user's IP, sent as `Dots-User-IP`. */
  userIp?: string;
  /** Sent to Dots as `idempotency_key`; stays the same across the client's retries. */
  idempotencyKey?: string;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/** A Dots resource as returned by the API: an object with an `id`. */
export type DotsResource = { id: string } & Record<string, unknown>;

type Create = (body: never, options?: DotsCallOptions) => Promise<unknown>;
type Retrieve = (id: string, options?: DotsCallOptions) => Promise<unknown>;

/** The Dots client methods the broker calls. `createDotsClient` from `@dotskit/api` satisfies it. */
export interface BrokerDotsClient {
  flows: { create: Create; retrieve: Retrieve };
  payoutLinks: { create: Create; retrieve: Retrieve };
  transfers: { create: Create; retrieve: Retrieve };
  payouts: { create: Create };
  payoutBatches: { create: Create; retrieve: Retrieve };
  users: { create: Create; retrieve: Retrieve };
}
