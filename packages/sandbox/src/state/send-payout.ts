import type { SendPayoutBody } from '@dotskit/api';
import type { SandboxEngine } from './engine';
import { userForApp } from './money';
import { claimPayoutLink, createPayoutLink, payOutLink } from './payout-links';
import type { PayoutLinkRecord, StepName } from './types';

/**
 * `POST /v2/payouts/send-payout`: pays a person known by `user_id` or by phone number
 * (`payee`; a user of the app with that number counts as known). As v2.yaml says, a known
 * user with a default payout method is paid at once by those preferences: the link is
 * claimed by them and its transfer pays out (then settles as any payout). Anyone else gets
 * a payout link by SMS (`delivery_pending → sent → delivered`) to onboard and claim.
 * `force_collect_compliance_information` puts a `compliance` step first. Returns the link.
 */
export function sendPayout(
  engine: SandboxEngine,
  appId: string,
  body: SendPayoutBody,
): PayoutLinkRecord {
  const user = body.user_id
    ? userForApp(engine, appId, body.user_id)
    : [...engine.store.users.values()].find(
        (u) =>
          u.app_id === appId &&
          !u.deleted &&
          u.country_code === body.payee?.country_code &&
          u.phone_number === body.payee?.phone_number,
      );
  const steps: StepName[] = [
    ...(body.force_collect_compliance_information ? (['compliance'] as const) : []),
    ...(body.additional_steps ?? []),
  ];
  const method = user?.default_payout_method;
  const payNow = user !== undefined && method !== undefined && steps.length === 0;
  const link = createPayoutLink(engine, appId, {
    amount: body.amount,
    user_id: user?.id,
    payee: {
      country_code: user?.country_code ?? body.payee?.country_code ?? null,
      phone_number: user?.phone_number ?? body.payee?.phone_number ?? null,
    },
    delivery: {
      method: payNow ? 'link' : 'sms',
      country_code: user?.country_code ?? body.payee?.country_code ?? null,
      phone_number: user?.phone_number ?? body.payee?.phone_number ?? null,
      message: body.delivery?.message ?? null,
    },
    tax_exempt: body.tax_exempt,
    memo: body.memo ?? null,
    metadata: body.metadata ?? null,
    additional_steps: steps,
  });
  if (payNow) {
    const flow = engine.store.flows.get(link.flow_id)!;
    claimPayoutLink(engine, link.id, user);
    payOutLink(engine, link, user, method, flow.id);
    flow.completed_steps.push('payout');
    engine.emit('flow.updated', { event: 'flow.updated', flow_id: flow.id });
  }
  return link;
}
