import type { FlowStepName, PayoutLinkStatus, TransferStatus } from '@dotskit/api/wire';

/** One Dots flow step name (`@dotskit/api/wire`). */
export type StepName = FlowStepName;

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
  /** ACH only: the bank account's routing number and type (the account number is kept as `mask`). */
  routing_number?: string;
  account_type?: 'checking' | 'savings';
  /** Venmo handle, when connected by handle rather than phone number. */
  handle?: string;
  /** Optional JSON stored with the method (`PUT /v2/users/{id}/payout-methods`). */
  meta?: unknown;
}

/** A postal address added with `PUT /v2/users/{id}/addresses`. */
export interface Address {
  line_1: string;
  line_2?: string;
  line_3?: string;
  city: string;
  state: string;
  country: string;
  postcode: string;
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
  /** The W-9 / W-8BEN form submitted with `PUT /v2/users/{id}/compliance`, if any. */
  tax_form?: 'w9' | 'w8ben';
  addresses: Address[];
  /** The verification token last sent (`send-verification-token`), until `verify` uses it. */
  verification_token: string | null;
  /** Set by `DELETE /v2/users/{id}`: the user is `disabled` and refuses new payouts. */
  deleted: boolean;
}

/** A Dots flow record. */
export interface FlowRecord {
  id: string;
  app_id: string;
  created: number;
  /** Emulated epoch ms after which the link no longer opens; null when it never expires. */
  expires_at: number | null;
  user_id: string | null;
  steps: readonly StepOptions[];
  completed_steps: StepName[];
  metadata: Metadata;
  payout_link_id: string | null;
  hide_go_to_dashboard_on_complete: boolean;
}

/** Payout-link statuses (`@dotskit/api/wire`; the sandbox never answers `funds_pending`). */
export type { PayoutLinkStatus };

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
  /** The transfer made with the link (status `created` until the payout step). */
  transfer_id: string;
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

/** Transfer statuses (`@dotskit/api/wire`). */
export type { TransferStatus };

/** A Dots transfer record (payouts are transfers of type `payout`). */
export interface TransferRecord {
  id: string;
  app_id: string;
  created: number;
  /** Null for a payout link's transfer until the link is claimed. */
  user_id: string | null;
  status: TransferStatus;
  /** Every status the transfer had, with the emulated time it was set. */
  status_history: { status: TransferStatus; at: number }[];
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
  /** The organisation the sandbox's credentials stand for (one per sandbox). */
  organization_id: string;
  created: number;
  name: string;
  status: 'created' | 'in_review' | 'approved';
  metadata: Metadata;
  wallet: number;
  money_out: number;
}
