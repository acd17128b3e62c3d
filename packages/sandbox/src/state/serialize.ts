import { isoTime } from './ids';
import type {
  AppRecord,
  FlowRecord,
  PayoutBatchRecord,
  PayoutLinkRecord,
  PayoutMethod,
  TransferRecord,
  UserRecord,
} from './types';

// Wire shapes follow v2.yaml and the seed's real examples: optional things Dots reports
// as null (payee.*, delivery.*, claimed_user_id, metadata, memo) are emitted as null.

/** A user as `GET /v2/users/:id` returns it. */
export function serializeUser(u: UserRecord): Record<string, unknown> {
  const method = u.payout_methods.find((m) => m.platform === u.default_payout_method);
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    phone_number: { country_code: u.country_code, phone_number: u.phone_number },
    status: u.status,
    verified: u.status === 'verified',
    ...(u.username ? { username: u.username } : {}),
    ...(method
      ? {
          default_payout_method: method.platform,
          default_payout_method_details: serializePayoutMethod(method),
        }
      : {}),
    wallet: { amount: u.wallet, withdrawable_amount: u.wallet, credit_balance: 0 },
    compliance: {
      tax_id_collected: u.compliance.tax_id_collected,
      tax_id_verification: u.compliance.tax_id_collected ? 'matched' : 'unsubmitted',
      date_of_birth_collected: u.compliance.date_of_birth_collected,
      id_verified: u.compliance.id_verified,
      has_criminal_activity: false,
      ...(u.compliance.background_check
        ? {
            background_check: {
              status: u.compliance.background_check,
              updated: isoTime(u.created),
            },
          }
        : {}),
    },
    metadata: u.metadata,
    payout_options_exclude_list: u.payout_options_exclude_list,
  };
}

/** A flow as `GET /v2/flows/:id` returns it; `origin` builds its `link`. */
export function serializeFlow(f: FlowRecord, origin: string): Record<string, unknown> {
  return {
    id: f.id,
    created: isoTime(f.created),
    user_id: f.user_id,
    steps: f.steps.map((s) => s.name),
    completed_steps: [...f.completed_steps],
    link: `${origin}/flow/${f.id}`,
    metadata: f.metadata,
    payout_link_id: f.payout_link_id,
  };
}

/** A payout link in its full form (API and webhooks); its `link` is its flow's page, as in Dots. */
export function serializePayoutLink(l: PayoutLinkRecord, origin: string): Record<string, unknown> {
  return {
    id: l.id,
    created: isoTime(l.created),
    link: `${origin}/flow/${l.flow_id}`,
    amount: l.amount,
    status: l.status,
    payee: { ...l.payee },
    delivery: { ...l.delivery },
    tax_exempt: l.tax_exempt,
    claimed_user_id: l.claimed_user_id,
    flow_id: l.flow_id,
    transfer_id: l.transfer_id,
    memo: l.memo,
    metadata: l.metadata,
    description: l.description,
    accounting_data: { quickbooks_account_id: null, quickbooks_class_id: null },
    funding_source: l.funding_source,
  };
}

/** A wallet transaction of transfer `t` (`components.schemas.transaction`). */
export function serializeTransaction(
  t: TransferRecord,
  x: TransferRecord['transactions'][number],
): Record<string, unknown> {
  return {
    id: x.id,
    amount: x.amount,
    created: isoTime(x.created),
    source_name: x.source,
    destination_name: x.destination,
    type: x.type,
    metadata: null,
    transfer_id: t.id,
  };
}

/**
 * A transfer (also what `POST /v2/payouts` returns). `amount` is a number (v2.yaml; the
 * seed's example has a string) and `status_history` is added (the seed's example has it,
 * v2.yaml does not forbid it), timestamps in the seed's HTTP-date form; see DOTS-FACTS.md.
 * `user_id` is left out while a payout link's transfer has no user.
 */
export function serializeTransfer(t: TransferRecord): Record<string, unknown> {
  return {
    id: t.id,
    created: isoTime(t.created),
    ...(t.user_id ? { user_id: t.user_id } : {}),
    status: t.status,
    status_history: t.status_history.map((h) => ({
      status: h.status,
      timestamp: new Date(h.at).toUTCString(),
    })),
    type: t.type,
    amount: t.amount,
    external_data: t.platform ? { platform: t.platform } : {},
    transactions: t.transactions.map((x) => serializeTransaction(t, x)),
    ...(t.payout_link_id ? { payout_link_id: t.payout_link_id } : {}),
    metadata: t.metadata,
  };
}

/** A connected payout method (`components.schemas.payment-method`). */
export function serializePayoutMethod(m: PayoutMethod): Record<string, unknown> {
  return {
    id: m.id,
    platform: m.platform,
    ...(m.email ? { email: m.email } : {}),
    ...(m.phone_number ? { phone_number: m.phone_number } : {}),
    ...(m.mask ? { mask: m.mask } : {}),
    ...(m.description ? { description: m.description } : {}),
    ...(m.platform === 'ach' ? { rtp_enabled: false } : {}),
    ...(m.meta !== undefined ? { meta: m.meta } : {}),
  };
}

/** A payout batch summary with its item counts. */
export function serializeBatch(b: PayoutBatchRecord): Record<string, unknown> {
  const processed = b.items.slice(0, b.processed);
  const failed = processed.filter((i) => i.error_code !== null).length;
  return {
    id: b.id,
    created: isoTime(b.created),
    ...(b.idempotency_key ? { idempotency_key: b.idempotency_key } : {}),
    status: b.status,
    ...(b.metadata !== null ? { metadata: b.metadata } : {}),
    items_processed: b.processed,
    items_succeeded: processed.length - failed,
    items_failed: failed,
    items_total: b.items.length,
  };
}

/**
 * An app with its metrics (wallet balance and money out in dollars, as decimal strings) and
 * its `organization_id` (the seed's app example has it; v2.yaml does not forbid it).
 */
export function serializeApp(a: AppRecord, connectedUsers: number): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    organization_id: a.organization_id,
    status: a.status,
    metrics: {
      wallet_balance: (a.wallet / 100).toFixed(2),
      money_out: (a.money_out / 100).toFixed(2),
      connected_users: connectedUsers,
    },
    ...(a.metadata !== null ? { metadata: a.metadata } : {}),
  };
}
