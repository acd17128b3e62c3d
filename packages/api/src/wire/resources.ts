// The resources Dots returns, as plain types: what every response carries is required,
// the rest optional (`null` allowed where real responses send it). No runtime code here
// beyond the value lists the unions are built from, so a browser bundle pays nothing for
// importing a type.

/** The eight flow step names Dots knows (v2.yaml `flow.steps`). */
export const FLOW_STEP_NAMES = [
  'compliance',
  'id-verification',
  'background-check',
  'manage-payments',
  'manage-payouts',
  'payout',
  'redirect',
  'pdf-form-fill',
] as const;
/** A flow step name. */
export type FlowStepName = (typeof FLOW_STEP_NAMES)[number];

/** A flow step: a name, or `{ name, ...options }` (e.g. `hide_continue_button`). */
export type FlowStep = FlowStepName | ({ name: FlowStepName } & Record<string, unknown>);

/** `metadata` on a response: a key-value object, a string, or `null`. */
export type DotsMetadata = Record<string, unknown> | string | null;

/**
 * A Dots flow (`GET /v2/flows/{id}`). `id`, `created`, `link`, `steps` and
 * `completed_steps` are in every response (the seed's real examples). `user_id` is `null`
 * until the user signs in, when the flow was created without one.
 */
export interface Flow {
  id: string;
  /** ISO 8601, possibly without a zone (then UTC); see `parseDotsTime`. */
  created: string;
  link: string;
  steps: FlowStep[];
  completed_steps: FlowStep[];
  user_id?: string | null;
  metadata?: DotsMetadata;
  payout_link_id?: string | null;
}

/** Payout-link statuses (v2.yaml; create may also answer 202 `funds_pending`). */
export const PAYOUT_LINK_STATUSES = [
  'created',
  'delivery_pending',
  'delivery_failed',
  'sent',
  'delivered',
  'claimed',
  'reversed',
  'canceled',
  'expired',
  'failed',
  'funds_pending',
] as const;
/** A payout-link status. */
export type PayoutLinkStatus = (typeof PAYOUT_LINK_STATUSES)[number];

/** How a payout link is delivered. */
export type PayoutLinkDeliveryMethod = 'sms' | 'link' | 'email' | 'all';

/**
 * A payout link as the API and webhooks return it (the full object of the seed's guide,
 * not its short form; DOTS-FACTS). `id`, `created`, `link`, `amount` (cents) and
 * `status` are always there; `link` is the page of the link's flow (`flow_id`).
 */
export interface PayoutLink {
  id: string;
  created: string;
  link: string;
  amount: number;
  status: PayoutLinkStatus;
  flow_id?: string | null;
  /** The link's own payout transfer, named from creation (DOTS-FACTS). */
  transfer_id?: string | null;
  claimed_user_id?: string | null;
  payee?: {
    first_name?: string | null;
    last_name?: string | null;
    email?: string | null;
    country_code?: string | null;
    phone_number?: string | null;
  } | null;
  delivery?: {
    method?: PayoutLinkDeliveryMethod | null;
    email?: string | null;
    country_code?: string | null;
    phone_number?: string | null;
    message?: string | null;
  } | null;
  tax_exempt?: boolean | null;
  memo?: string | null;
  description?: string | null;
  metadata?: DotsMetadata;
  funding_source?: 'dots_balance' | 'ach' | null;
  accounting_data?: {
    quickbooks_account_id?: number | null;
    quickbooks_class_id?: number | null;
  } | null;
}

/** Transfer statuses. */
export const TRANSFER_STATUSES = [
  'created',
  'pending',
  'failed',
  'completed',
  'reversed',
  'canceled',
  'flagged',
] as const;
/** A transfer status. */
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Transfer types. */
export const TRANSFER_TYPES = [
  'refill',
  'payout',
  'balance',
  'payment',
  'settlement',
  'payable',
] as const;
/** A transfer type. */
export type TransferType = (typeof TRANSFER_TYPES)[number];

/**
 * A transfer (a payout is one). `id`, `created`, `status`, `type` and `amount` (cents,
 * negative = from the app to a user) are always there. `user_id` is `null` for a payout
 * link's transfer until the link is claimed.
 */
export interface Transfer {
  id: string;
  created: string;
  status: TransferStatus;
  type: TransferType;
  amount: number;
  user_id?: string | null;
  payout_link_id?: string | null;
  metadata?: DotsMetadata;
  status_history?: { status: TransferStatus; timestamp: string }[] | null;
  external_data?: {
    account_id?: string | null;
    external_id?: string | null;
    platform?: string | null;
  } | null;
  transactions?: Transaction[] | null;
}

/** Wallet transaction types. */
export const TRANSACTION_TYPES = [
  'balance',
  'refill',
  'payout',
  'payment',
  'fee',
  'surrogate',
] as const;

/**
 * A wallet transaction (`GET /v2/transactions/{id}`, or inside a transfer). `id` (an
 * integer in real responses), `amount` and `created` are always there.
 */
export interface Transaction {
  id: number | string;
  amount: number;
  created: string;
  source_name?: string | null;
  destination_name?: string | null;
  type?: (typeof TRANSACTION_TYPES)[number];
  metadata?: DotsMetadata;
  transfer_id?: string | null;
}

/** Payout-batch statuses. */
export const PAYOUT_BATCH_STATUSES = ['created', 'processing', 'paying_out', 'completed'] as const;
/** A payout-batch status. */
export type PayoutBatchStatus = (typeof PAYOUT_BATCH_STATUSES)[number];

/** A payout batch (v2.yaml requires `id`, `created`, `status`); counters from the seed. */
export interface PayoutBatch {
  id: string;
  created: string;
  status: PayoutBatchStatus;
  idempotency_key?: string | null;
  metadata?: DotsMetadata;
  items_processed?: number | null;
  items_succeeded?: number | null;
  items_failed?: number | null;
}

/** User statuses. */
export const USER_STATUSES = ['verified', 'unverified', 'disabled', 'in_review'] as const;
/** A user status. */
export type UserStatus = (typeof USER_STATUSES)[number];

/** The resources the broker follows for a browser, by the kind its events name. */
export interface ResourceByKind {
  flow: Flow;
  payout_link: PayoutLink;
  transfer: Transfer;
  payout_batch: PayoutBatch;
}
/** A kind of resource the broker follows. */
export type ResourceKind = keyof ResourceByKind;
