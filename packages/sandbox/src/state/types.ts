import { flowStepNameSchema, type TransferStatus } from '@dotskit/api';

/** Step names a Dots flow can contain (v2.yaml `flow.steps` enum, from @dotskit/api). */
export const STEP_NAMES = flowStepNameSchema.options;

/** One Dots flow step name. */
export type StepName = (typeof STEP_NAMES)[number];

/** Options given with a step (`{ name, ...options }`), kept for the hosted page. */
export interface StepOptions {
  name: StepName;
  redirect_url?: string;
  hide_continue_button?: boolean;
  auto_payout_enabled?: boolean;
  template_id?: string;
  [option: string]: unknown;
}

/** Metadata as Dots stores it: object, string or null. */
export type Metadata = Record<string, unknown> | string | null;

/** A payout method a user connected in the hosted pages. */
export interface PayoutMethod {
  id: string;
  platform: 'paypal' | 'venmo' | 'ach';
  email?: string;
  phone_number?: string;
  mask?: string;
  description?: string;
}

/** A Dots user record (sandbox-internal; rendered by `serialize.ts`). */
export interface UserRecord {
  id: string;
  app_id: string;
  created: number;
  first_name: string;
  last_name: string;
  email: string;
  country_code: string;
  phone_number: string;
  username?: string;
  date_of_birth?: string;
  status: 'verified' | 'unverified' | 'disabled' | 'in_review';
  metadata: Metadata;
  wallet: number;
  payout_methods: PayoutMethod[];
  default_payout_method?: PayoutMethod['platform'];
  auto_payout_enabled: boolean;
  payout_options_exclude_list: string[];
  compliance: {
    tax_id_collected: boolean;
    date_of_birth_collected: boolean;
    id_verified: boolean;
    background_check?: 'pass' | 'pending';
    bank_connected: boolean;
  };
}

/** A Dots flow record. */
export interface FlowRecord {
  id: string;
  app_id: string;
  created: number;
  /** Emulated epoch ms after which the link no longer opens; null when it never expires. */
  expires_at: number | null;
  user_id: string | null;
  steps: StepOptions[];
  completed_steps: StepName[];
  metadata: Metadata;
  payout_link_id: string | null;
  hide_go_to_dashboard_on_complete: boolean;
}

/** Payout-link statuses (v2.yaml enum). */
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
  | 'failed';

/** A Dots payout-link record. */
export interface PayoutLinkRecord {
  id: string;
  app_id: string;
  created: number;
  amount: number;
  status: PayoutLinkStatus;
  flow_id: string;
  user_id: string | null;
  claimed_user_id: string | null;
  transfer_id: string | null;
  paid_out: boolean;
  deliveries: number;
  payee: Record<
    'first_name' | 'last_name' | 'email' | 'country_code' | 'phone_number',
    string | null
  >;
  delivery: Record<'method' | 'email' | 'country_code' | 'phone_number', string | null>;
  tax_exempt: boolean;
  memo: string | null;
  description: string | null;
  metadata: Metadata;
  funding_source: 'dots_balance' | 'ach';
}

/** Transfer statuses (v2.yaml enum, from @dotskit/api). */
export type { TransferStatus };

/** A Dots transfer record (payouts are transfers of type `payout`). */
export interface TransferRecord {
  id: string;
  app_id: string;
  created: number;
  user_id: string;
  status: TransferStatus;
  type: 'balance' | 'payout' | 'refill' | 'payment';
  amount: number;
  platform: string | null;
  payout_link_id: string | null;
  /** The hosted flow whose payout step created this transfer, if any. */
  flow_id: string | null;
  metadata: Metadata;
  tax_exempt: boolean;
  transactions: {
    id: number;
    amount: number;
    created: number;
    type: string;
    source: string;
    destination: string;
  }[];
}

/** One item of a payout batch with its outcome. */
export interface BatchItem {
  request: Record<string, unknown> & { user_id: string; amount: number; idempotency_key: string };
  transfer_id: string | null;
  error_code: string | null;
  error_message: string | null;
}

/** A Dots payout batch record. */
export interface PayoutBatchRecord {
  id: string;
  app_id: string;
  created: number;
  idempotency_key: string | null;
  status: 'created' | 'processing' | 'paying_out' | 'completed';
  metadata: Metadata;
  items: BatchItem[];
  processed: number;
}

/** A Dots app record with its wallet. */
export interface AppRecord {
  id: string;
  created: number;
  name: string;
  status: 'created' | 'in_review' | 'approved';
  metadata: Metadata;
  wallet: number;
  money_out: number;
}
