import type { SandboxEngine } from './engine';
import { notFound } from './errors';
import { newId } from './ids';
import type { Metadata, PayoutMethod, UserRecord } from './types';

/** Fields a user is created with (already validated). */
export interface NewUser {
  first_name: string;
  last_name: string;
  email: string;
  country_code: string;
  phone_number: string;
  username?: string;
  date_of_birth?: string;
  metadata?: Metadata;
  payout_options_exclude_list?: string[];
}

/** Creates a user of app `appId` with an empty wallet. Duplicate phone numbers are allowed (sandbox). */
export function createUser(engine: SandboxEngine, appId: string, input: NewUser): UserRecord {
  const user: UserRecord = {
    id: newId(),
    app_id: appId,
    created: engine.clock.now(),
    first_name: input.first_name,
    last_name: input.last_name,
    email: input.email,
    country_code: input.country_code,
    phone_number: input.phone_number,
    username: input.username,
    date_of_birth: input.date_of_birth,
    status: 'unverified',
    metadata: input.metadata ?? null,
    wallet: 0,
    payout_methods: [],
    auto_payout_enabled: false,
    payout_options_exclude_list: input.payout_options_exclude_list ?? [],
    compliance: {
      tax_id_collected: false,
      date_of_birth_collected: Boolean(input.date_of_birth),
      id_verified: false,
      bank_connected: false,
    },
    addresses: [],
    verification_token: null,
    deleted: false,
  };
  engine.store.users.set(user.id, user);
  return user;
}

/**
 * Connects (or replaces) the user's method for `method.platform` and, unless `makeDefault`
 * is false while the user already has a default, makes it the default. Fires
 * `user.updated.payout_method`. Returns false when an identical method was already the
 * default (saved without change).
 */
export function setPayoutMethod(
  engine: SandboxEngine,
  user: UserRecord,
  method: Omit<PayoutMethod, 'id'>,
  makeDefault = true,
): boolean {
  const existing = user.payout_methods.find((m) => m.platform === method.platform);
  const same =
    existing !== undefined &&
    user.default_payout_method === method.platform &&
    existing.email === method.email &&
    existing.phone_number === method.phone_number &&
    existing.mask === method.mask &&
    existing.routing_number === method.routing_number;
  if (same) return false;
  user.payout_methods = user.payout_methods.filter((m) => m.platform !== method.platform);
  user.payout_methods.push({ id: existing?.id ?? newId(), ...method });
  if (makeDefault || !user.default_payout_method) user.default_payout_method = method.platform;
  engine.emit('user.updated.payout_method', { user_id: user.id });
  return true;
}

/** The user `id` of app `appId` unless deleted; otherwise a 404 (as for an unknown id). */
export function liveUser(engine: SandboxEngine, appId: string, id: string): UserRecord {
  const user = engine.store.users.get(id);
  if (!user || user.app_id !== appId || user.deleted) throw notFound('user', id);
  return user;
}
