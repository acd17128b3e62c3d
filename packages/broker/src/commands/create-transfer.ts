import { hostPayoutBodySchema, hostTransferBodySchema } from './bodies';
import type { CreateCommand } from './pipeline';

/** `createTransfer` (server-side only): moves money between the app's and a user's wallet. */
export const createTransfer: CreateCommand = {
  name: 'transfers',
  kind: 'transfer',
  schemas: { server: hostTransferBodySchema },
  amounts: (body) => [body.amount as number],
  call: (client, body, options) => client.transfers.create(body as never, options),
  recorded: (ctx, owner, transfer) => ctx.events.publish(owner, 'transfer.updated', transfer),
};

/** `createPayout` (server-side only): pays a user out; Dots answers with a transfer. */
export const createPayout: CreateCommand = {
  name: 'payouts',
  kind: 'transfer',
  schemas: { server: hostPayoutBodySchema },
  amounts: (body) => [body.amount as number],
  call: (client, body, options) => client.payouts.create(body as never, options),
  recorded: (ctx, owner, transfer) => ctx.events.publish(owner, 'transfer.updated', transfer),
};
