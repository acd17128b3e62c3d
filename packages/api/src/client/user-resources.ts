import { z } from 'zod';
import { paymentMethodSchema, userSchema } from '../schemas/user';
import { addPayoutMethodResultSchema } from '../schemas/user-actions';
import type { Transport } from './http';
import type { DotsClient, DotsRequestOptions } from './types';

/** Builds `/v2/users/{id}` paths; an empty id is developer misuse. */
export function idPath(base: string, id: string, suffix = ''): string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new TypeError(`[dotskit] An id is required for ${base}/{id}${suffix}.`);
  }
  return `${base}/${encodeURIComponent(id)}${suffix}`;
}

/** Per-call options without the idempotency key (these calls send none). */
export function callOptions(options: DotsRequestOptions | undefined): DotsRequestOptions {
  // The key goes in a creating call's body; the transport must not add it a second time.
  const { idempotencyKey: _ignored, ...rest } = options ?? {};
  return rest;
}

// v2.yaml gives these operations no response body: a body, if any, is ignored.
const noBody = z.unknown().transform(() => undefined);

type UserActions = Pick<
  DotsClient['users'],
  | 'delete'
  | 'submitCompliance'
  | 'sendVerificationToken'
  | 'verify'
  | 'listPayoutMethods'
  | 'addPayoutMethod'
  | 'addAddress'
>;

/** The user sub-resource calls: delete, compliance, verification, payout methods, addresses. */
export function createUserActions(request: Transport): UserActions {
  const users = (id: string, suffix = '') => idPath('/v2/users', id, suffix);
  return {
    delete: async (userId, options) =>
      request('DELETE', users(userId), { ...callOptions(options), schema: userSchema }),
    submitCompliance: async (userId, body, options) =>
      request('PUT', users(userId, '/compliance'), {
        ...callOptions(options),
        body,
        schema: noBody,
      }),
    sendVerificationToken: async (userId, body, options) =>
      request('POST', users(userId, '/send-verification-token'), {
        ...callOptions(options),
        body: body ?? {},
        schema: noBody,
      }),
    verify: async (userId, body, options) =>
      request('POST', users(userId, '/verify'), { ...callOptions(options), body, schema: noBody }),
    listPayoutMethods: async (userId, options) =>
      request('GET', users(userId, '/payout-methods'), {
        ...callOptions(options),
        schema: z.array(paymentMethodSchema),
      }),
    addPayoutMethod: async (userId, body, options) =>
      request('PUT', users(userId, '/payout-methods'), {
        ...callOptions(options),
        body,
        schema: addPayoutMethodResultSchema,
      }),
    addAddress: async (userId, body, options) =>
      request('PUT', users(userId, '/addresses'), {
        ...callOptions(options),
        body,
        schema: noBody,
      }),
  };
}
