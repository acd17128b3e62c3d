import type { AddPayoutMethodBody } from '@dotskit/api';
import type { SandboxEngine } from './engine';
import { SandboxError, type SandboxErrorDetail } from './errors';
import type { PayoutMethod, UserRecord } from './types';
import { setPayoutMethod } from './users';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `PUT /v2/users/{id}/payout-methods`: connects a PayPal, Venmo or ACH method with the
 * fields its platform needs (each missing one is a detail of a 400), default when
 * `is_default` is true or the user has none, and fires `user.updated.payout_method`.
 * Cash App is not emulated (a 400 saying so). Returns the connected method.
 */
export function addPayoutMethod(
  engine: SandboxEngine,
  user: UserRecord,
  body: AddPayoutMethodBody,
): PayoutMethod {
  const errors: SandboxErrorDetail[] = [];
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) errors.push({ field, message });
  };
  const { platform } = body;
  if (platform === 'cash_app')
    need('platform', false, 'Cash App payouts are not emulated by the sandbox.');
  need(
    'platform',
    !user.payout_options_exclude_list.includes(platform),
    `Payouts to ${platform} are excluded for this user.`,
  );
  if (platform === 'paypal')
    need('email', EMAIL.test(body.email ?? ''), 'email is required for PayPal: a valid address.');
  if (platform === 'venmo')
    need(
      'phone_number',
      /^\d{7,15}$/.test(body.phone_number ?? '') || Boolean(body.handle),
      'phone_number (digits) or handle is required for Venmo.',
    );
  if (platform === 'ach') {
    need('routing_number', /^\d{9}$/.test(body.routing_number ?? ''), 'routing_number: 9 digits.');
    need(
      'account_number',
      /^\d{4,17}$/.test(body.account_number ?? ''),
      'account_number: 4 to 17 digits.',
    );
    need('account_type', body.account_type !== undefined, 'account_type: checking or savings.');
  }
  if (errors.length > 0)
    throw new SandboxError({
      code: 'invalid-input',
      message: errors.map((e) => e.message).join(' '),
      status: 400,
      details: errors,
    });
  const method: Omit<PayoutMethod, 'id'> =
    platform === 'ach'
      ? {
          platform,
          mask: body.account_number!.slice(-4),
          routing_number: body.routing_number,
          account_type: body.account_type,
          description: 'Bank account',
        }
      : platform === 'venmo'
        ? { platform, phone_number: body.phone_number, handle: body.handle }
        : { platform: 'paypal', email: body.email };
  if (body.metadata !== undefined) method.meta = body.metadata;
  setPayoutMethod(engine, user, method, body.is_default === true);
  if (typeof body.auto_payout_enabled === 'boolean')
    user.auto_payout_enabled = body.auto_payout_enabled;
  return user.payout_methods.find((m) => m.platform === method.platform)!;
}
