import { flowStepName } from '@dotskit/api/wire';
import type { SandboxEngine } from './engine';
import { insufficientFunds, invalidInput, notFound } from './errors';
import { createFlow } from './flows';
import { newId } from './ids';
import { getApp, payout, userForApp } from './money';
import { serializePayoutLink } from './serialize';
import { emitTransfer, recordTransfer, setTransferStatus } from './transfers';
import type { Metadata, PayoutLinkRecord, StepName, StepOptions, UserRecord } from './types';

/** Fields a payout link is created with (already validated). */
export interface NewPayoutLink {
  amount: number;
  user_id?: string;
  payee?: Partial<Record<keyof PayoutLinkRecord['payee'], string | null>>;
  delivery?: Partial<Record<keyof PayoutLinkRecord['delivery'], string | null>> & {
    message?: string | null;
  };
  tax_exempt?: boolean;
  memo?: string | null;
  description?: string | null;
  metadata?: Metadata;
  additional_steps?: (StepName | StepOptions)[];
  funding_source?: 'dots_balance' | 'ach';
  /** Passed to the link's flow: no "Go to dashboard" button when it is done. */
  hide_go_to_dashboard_on_complete?: boolean;
}

const emitUpdated = (engine: SandboxEngine, link: PayoutLinkRecord) =>
  engine.emit('payout_link.updated', { event: 'payout_link.updated', payout_link_id: link.id });

/**
 * Creates a payout link as Dots does: reserves `amount` from the app wallet (insufficient
 * funds is an error) in the link's own `payout` transfer (status `created`, no user yet:
 * `transfer_id` is set from the start), creates its flow (`additional_steps` then
 * `payout`), whose page is the link's `link`. A link delivered by `link` is `delivered` at
 * once (the host hands it over); sms/email links move `delivery_pending → sent → delivered`
 * on the emulated clock, firing `payout_link.sent`.
 */
export function createPayoutLink(
  engine: SandboxEngine,
  appId: string,
  input: NewPayoutLink,
): PayoutLinkRecord {
  const app = getApp(engine, appId);
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw invalidInput('amount must be a positive integer number of cents.', 'amount');
  const user = input.user_id ? userForApp(engine, appId, input.user_id) : undefined;
  if (app.wallet < input.amount) throw insufficientFunds('app', input.amount, app.wallet);
  const extra = (input.additional_steps ?? []).filter((s) => flowStepName(s) !== 'payout');
  const id = newId();
  const flow = createFlow(engine, appId, {
    steps: [...extra, 'payout'],
    user_id: null,
    payout_link_id: id,
    hide_go_to_dashboard_on_complete: input.hide_go_to_dashboard_on_complete,
  });
  // A link made for a known user opens signed in (and, unlike a user-bound flow, does not
  // expire); it is claimed when that user completes the first step.
  flow.user_id = user?.id ?? null;
  const method = input.delivery?.method ?? 'link';
  const transfer = recordTransfer(engine, {
    appId,
    userId: null,
    type: 'payout',
    amount: input.amount,
    status: 'created',
    payoutLinkId: id,
    metadata: input.metadata ?? null,
    taxExempt: input.tax_exempt ?? false,
  });
  const link: PayoutLinkRecord = {
    id,
    app_id: appId,
    created: engine.clock.now(),
    amount: input.amount,
    status: method === 'link' ? 'delivered' : 'delivery_pending',
    flow_id: flow.id,
    user_id: user?.id ?? null,
    claimed_user_id: null,
    transfer_id: transfer.id,
    paid_out: false,
    deliveries: 0,
    payee: {
      first_name: input.payee?.first_name ?? null,
      last_name: input.payee?.last_name ?? null,
      email: input.payee?.email ?? null,
      country_code: input.payee?.country_code ?? null,
      phone_number: input.payee?.phone_number ?? null,
    },
    delivery: {
      method,
      email: input.delivery?.email ?? null,
      country_code: input.delivery?.country_code ?? null,
      phone_number: input.delivery?.phone_number ?? null,
    },
    tax_exempt: input.tax_exempt ?? false,
    memo: input.memo ?? null,
    description: input.description ?? null,
    metadata: input.metadata ?? null,
    funding_source: input.funding_source ?? 'dots_balance',
  };
  app.wallet -= input.amount;
  engine.store.payoutLinks.set(id, link);
  if (method !== 'link') deliver(engine, link);
  return link;
}

const inDelivery = (link: PayoutLinkRecord) =>
  ['delivery_pending', 'sent', 'delivered', 'delivery_failed'].includes(link.status);

/** sms/email delivery: `sent` (fires `payout_link.sent`), then `delivered` one delay later. */
function deliver(engine: SandboxEngine, link: PayoutLinkRecord): void {
  link.deliveries += 1;
  engine.clock.setTimeout(() => {
    if (!inDelivery(link)) return;
    link.status = 'sent';
    engine.emit('payout_link.sent', serializePayoutLink(link, engine.origin));
    emitUpdated(engine, link);
    engine.clock.setTimeout(() => {
      if (link.status !== 'sent') return;
      link.status = 'delivered';
      emitUpdated(engine, link);
    }, engine.timings.deliveryMs);
  }, engine.timings.deliveryMs);
}

/** The payout link `id` of app `appId`, or 404. */
export function getPayoutLink(engine: SandboxEngine, appId: string, id: string): PayoutLinkRecord {
  const link = engine.store.payoutLinks.get(id);
  if (!link || link.app_id !== appId) throw notFound('payout link', id);
  return link;
}

/** True while a link can still be claimed. */
export const isClaimable = (link: PayoutLinkRecord): boolean =>
  ['created', 'delivery_pending', 'sent', 'delivered', 'delivery_failed'].includes(link.status);

/** Marks the link claimed by `user` (onboarding in its flow did it) and fires `payout_link.claimed`. */
export function claimPayoutLink(
  engine: SandboxEngine,
  id: string,
  user: UserRecord,
): PayoutLinkRecord {
  const link = engine.store.payoutLinks.get(id);
  if (!link) throw notFound('payout link', id);
  if (!isClaimable(link)) throw invalidInput(`A ${link.status} payout link cannot be claimed.`);
  link.status = 'claimed';
  link.claimed_user_id = user.id;
  engine.emit('payout_link.claimed', serializePayoutLink(link, engine.origin));
  emitUpdated(engine, link);
  return link;
}

/** Cancels an unclaimed link and returns its reserved amount to the app wallet. */
export function cancelPayoutLink(engine: SandboxEngine, link: PayoutLinkRecord): PayoutLinkRecord {
  if (!isClaimable(link)) throw invalidInput(`A ${link.status} payout link cannot be canceled.`);
  link.status = 'canceled';
  const app = engine.store.apps.get(link.app_id);
  if (app) app.wallet += link.amount;
  const transfer = engine.store.transfers.get(link.transfer_id);
  if (transfer?.status === 'created') {
    setTransferStatus(engine, transfer, 'canceled');
    emitTransfer(engine, transfer);
  }
  emitUpdated(engine, link);
  return link;
}

/**
 * The payout step of a link's flow: the link's transfer becomes the payout to `user`'s
 * `platform` method (the reserved amount goes through the user's wallet, as a `fund`ed
 * payout does). Only once, and never for a canceled link.
 */
export function payOutLink(
  engine: SandboxEngine,
  link: PayoutLinkRecord,
  user: UserRecord,
  platform: string,
  flowId: string,
): void {
  const transfer = engine.store.transfers.get(link.transfer_id);
  if (link.status === 'canceled' || transfer?.status !== 'created')
    throw invalidInput('This payout link cannot be paid out.');
  // The amount was reserved from the app wallet at creation: release it and pay.
  const app = getApp(engine, link.app_id);
  app.wallet += link.amount;
  try {
    payout(engine, link.app_id, user, {
      amount: link.amount,
      platform,
      fund: true,
      flowId,
      tax_exempt: link.tax_exempt,
      transfer,
    });
  } catch (err) {
    app.wallet -= link.amount;
    throw err;
  }
}

/** Redelivers an sms/email link (at most 5 deliveries); returns whether it was redelivered. */
export function redeliverPayoutLink(engine: SandboxEngine, link: PayoutLinkRecord): boolean {
  const deliverable = ['delivery_pending', 'sent', 'delivered', 'delivery_failed'].includes(
    link.status,
  );
  if (!deliverable || link.delivery.method === 'link' || link.deliveries >= 5) return false;
  deliver(engine, link);
  return true;
}
