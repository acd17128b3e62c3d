import type { z } from 'zod';
import type { BrokerDotsClient, DotsCallOptions } from '../dots-client';
import { hostPayoutBodySchema, hostTransferBodySchema } from './bodies';
import type { CreateCommand } from './pipeline';
import { stateOf } from './resource-state';

/** A server-side command whose answer is a transfer: capped by its amount, published as `transfer.updated`. */
const transferCommand = (
  name: 'transfers' | 'payouts',
  schema: z.ZodType,
  call: (client: BrokerDotsClient, body: never, options: DotsCallOptions) => Promise<unknown>,
): CreateCommand => ({
  name,
  kind: 'transfer',
  schemas: { server: schema },
  amounts: (body) => [body.amount as number],
  call: (client, body, options) => call(client, body as never, options),
  records: (owner, transfer) => ({
    states: [stateOf('transfer', owner, transfer)],
    events: [{ owner, type: 'transfer.updated', data: transfer }],
  }),
});

/** `createTransfer` (server-side only): moves money between the app's and a user's wallet. */
export const createTransfer = transferCommand('transfers', hostTransferBodySchema, (c, b, o) =>
  c.transfers.create(b, o),
);

/** `createPayout` (server-side only): pays a user out; Dots answers with a transfer. */
export const createPayout = transferCommand('payouts', hostPayoutBodySchema, (c, b, o) =>
  c.payouts.create(b, o),
);
