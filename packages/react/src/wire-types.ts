/**
 * Wire shapes the widget reads from the broker. They keep Dots' snake_case names and only
 * list the fields this package uses; everything else passes through untouched.
 * (Structurally compatible with `@dotskit/api`'s generated types.)
 */

/** A flow step name, as Dots spells it. */
export type FlowStepName =
  | 'compliance'
  | 'id-verification'
  | 'background-check'
  | 'manage-payments'
  | 'manage-payouts'
  | 'payout'
  | 'redirect'
  | 'pdf-form-fill';

/** A flow step: a name, or an object `{ name, ...options }` (e.g. `hide_continue_button`). */
export type FlowStep = FlowStepName | ({ name: FlowStepName } & Record<string, unknown>);

/** A Dots flow as returned by the broker (`POST /flows`, `GET /flows/:id`). */
export type Flow = {
  id: string;
  link: string;
  steps: FlowStep[];
  completed_steps: FlowStepName[];
  user_id?: string | null;
  created: string;
  metadata?: string | Record<string, unknown> | null;
};

/** Status of a Dots payout link. */
export type PayoutLinkStatus =
  | 'created'
  | 'delivery_pending'
  | 'delivery_failed'
  | 'sent'
  | 'delivered'
  | 'claimed'
  | 'reversed'
  | 'canceled'
  | 'expired'
  | 'failed'
  | 'funds_pending';

/** A Dots payout link (`POST /payout-links`, `GET /payout-links/:id`). */
export interface PayoutLink {
  id: string;
  link: string;
  status: PayoutLinkStatus;
  amount: number;
  flow_id?: string | null;
  transfer_id?: string | null;
  claimed_user_id?: string | null;
  memo?: string | null;
  /** How it reaches the payee: `link` (the host shows it) or sent by `sms`/`email`/`all`. */
  delivery?: { method?: 'link' | 'sms' | 'email' | 'all' | null } | null;
  /** When Dots created it (ISO 8601; a zone-less time is UTC). */
  created?: string;
}

/** Status of a Dots transfer (a payout is a transfer). */
export type TransferStatus =
  | 'created'
  | 'pending'
  | 'failed'
  | 'completed'
  | 'reversed'
  | 'canceled'
  | 'flagged';

/** A Dots transfer (`GET /transfers/:id`); amounts in cents, negative = app to user. */
export interface Transfer {
  id: string;
  status: TransferStatus;
  amount: number;
  type?: string;
  payout_link_id?: string | null;
  user_id?: string | null;
  /** When Dots created it (ISO 8601; a zone-less time is UTC). */
  created?: string;
  metadata?: string | Record<string, unknown> | null;
}

/** Status of a Dots payout batch. */
export type PayoutBatchStatus = 'created' | 'processing' | 'paying_out' | 'completed';

/** A Dots payout batch (`GET /payout-batches/:id`). */
export interface PayoutBatch {
  id: string;
  status: PayoutBatchStatus;
  items_processed?: number;
  items_succeeded?: number;
  items_failed?: number;
}

/** The kinds of resource the widget follows. */
export type ResourceKind = 'flow' | 'payout_link' | 'transfer' | 'payout_batch';

/** Resource type by kind. */
export interface ResourceByKind {
  flow: Flow;
  payout_link: PayoutLink;
  transfer: Transfer;
  payout_batch: PayoutBatch;
}

/** Broker path segment for each kind. */
export const RESOURCE_PATH: Record<ResourceKind, string> = {
  flow: 'flows',
  payout_link: 'payout-links',
  transfer: 'transfers',
  payout_batch: 'payout-batches',
};

/** The name of a step, whether given as a string or an object. */
export const stepName = (step: FlowStep): FlowStepName =>
  typeof step === 'string' ? step : step.name;

/** True when `completed_steps` covers every step of the flow. */
export const isFlowComplete = (flow: Pick<Flow, 'steps' | 'completed_steps'>): boolean =>
  flow.steps.length > 0 &&
  flow.steps.every((s) => (flow.completed_steps ?? []).includes(stepName(s)));
