import { describe, expect, it } from 'vitest';
import { createAppBodySchema } from './app';
import { listParamsSchema } from './common';
import { createFlowBodySchema } from './flow';
import { createPayoutBodySchema, sendPayoutBodySchema } from './payout';
import { createPayoutBatchBodySchema } from './payout-batch';
import { createPayoutLinkBodySchema } from './payout-link';
import { createTransferBodySchema } from './transfer';
import { createUserBodySchema, updateUserBodySchema } from './user';
import { addPayoutMethodBodySchema, submitComplianceBodySchema } from './user-actions';

const USER_ID = 'f33919ae-6793-41bd-b512-1ad3c19f4ecb';

/** The paths of the issues a failed parse reports. */
function issuePaths(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[] }[] };
}): string[] {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => i.path.join('.')).sort();
}

describe('idempotency_key: null', () => {
  it('is accepted where v2.yaml types the key string | null, and only there', () => {
    expect(
      createTransferBodySchema.safeParse({ amount: -5, user_id: USER_ID, idempotency_key: null })
        .success,
    ).toBe(true);
    expect(createPayoutLinkBodySchema.safeParse({ amount: 5, idempotency_key: null }).success).toBe(
      true,
    );
    expect(
      sendPayoutBodySchema.safeParse({ amount: 5, user_id: USER_ID, idempotency_key: null })
        .success,
    ).toBe(true);
    expect(
      issuePaths(
        createPayoutBodySchema.safeParse({
          user_id: USER_ID,
          amount: 5,
          platform: 'paypal',
          idempotency_key: null,
        }),
      ),
    ).toEqual(['idempotency_key']);
  });
});

describe('new operation bodies', () => {
  it('send-payout needs user_id or payee; compliance one form; payout methods a known platform', () => {
    expect(issuePaths(sendPayoutBodySchema.safeParse({ amount: 5 }))).toEqual(['user_id']);
    expect(
      issuePaths(sendPayoutBodySchema.safeParse({ amount: 5, user_id: USER_ID, x: 1 })),
    ).toEqual(['']);
    expect(issuePaths(submitComplianceBodySchema.safeParse({}))).toEqual(['']);
    expect(issuePaths(addPayoutMethodBodySchema.safeParse({ platform: 'zelle' }))).toEqual([
      'platform',
    ]);
  });
});

describe('request bodies give field-level errors', () => {
  it('transfer: integer cents, uuid user_id, uuid idempotency_key, object|string metadata', () => {
    expect(
      issuePaths(createTransferBodySchema.safeParse({ amount: 10.5, user_id: 'nope' })),
    ).toEqual(['amount', 'user_id']);
    expect(issuePaths(createTransferBodySchema.safeParse({ amount: 0, user_id: USER_ID }))).toEqual(
      ['amount'],
    );
    expect(
      issuePaths(
        createTransferBodySchema.safeParse({
          amount: -5,
          user_id: USER_ID,
          idempotency_key: 'abc',
        }),
      ),
    ).toEqual(['idempotency_key']);
    expect(
      issuePaths(createTransferBodySchema.safeParse({ amount: -5, user_id: USER_ID, metadata: 5 })),
    ).toEqual(['metadata']);
    expect(
      createTransferBodySchema.safeParse({ amount: -5, user_id: USER_ID, metadata: 'x' }).success,
    ).toBe(true);
    expect(
      createTransferBodySchema.safeParse({ amount: -5, user_id: USER_ID, metadata: { a: 1 } })
        .success,
    ).toBe(true);
  });

  it('user: email format, phone digits, names 1-50 chars', () => {
    const ok = {
      first_name: 'Bob',
      last_name: 'L',
      email: 'bob@example.com',
      country_code: '1',
      phone_number: '415',
    };
    expect(createUserBodySchema.safeParse(ok).success).toBe(true);
    expect(
      issuePaths(
        createUserBodySchema.safeParse({
          ...ok,
          email: 'bob',
          phone_number: '+1 415',
          first_name: '',
        }),
      ),
    ).toEqual(['email', 'first_name', 'phone_number']);
    expect(issuePaths(updateUserBodySchema.safeParse({ default_payout_method: 'gold' }))).toEqual([
      'default_payout_method',
    ]);
  });

  it('payout link: strict object, positive integer amount, payee email', () => {
    expect(issuePaths(createPayoutLinkBodySchema.safeParse({ amount: -1 }))).toEqual(['amount']);
    expect(
      issuePaths(createPayoutLinkBodySchema.safeParse({ amount: 5, payee: { email: 'x' } })),
    ).toEqual(['payee.email']);
    expect(issuePaths(createPayoutLinkBodySchema.safeParse({ amount: 5, surprise: true }))).toEqual(
      [''],
    );
    expect(
      createPayoutLinkBodySchema.safeParse({
        amount: 5,
        additional_steps: [
          'compliance',
          { name: 'redirect', redirect_url: 'https://example.com/done' },
        ],
      }).success,
    ).toBe(true);
  });

  it('flow: steps non-empty, known names, unique, http(s) redirect_url only', () => {
    expect(issuePaths(createFlowBodySchema.safeParse({ steps: [] }))).toEqual(['steps']);
    expect(issuePaths(createFlowBodySchema.safeParse({ steps: ['teleport'] }))).toEqual([
      'steps.0',
    ]);
    expect(
      issuePaths(createFlowBodySchema.safeParse({ steps: ['payout', { name: 'payout' }] })),
    ).toEqual(['steps']);
    expect(
      createFlowBodySchema.safeParse({
        steps: [{ name: 'redirect', redirect_url: 'javascript:alert(1)' }],
      }).success,
    ).toBe(false);
    expect(createFlowBodySchema.safeParse({ steps: ['compliance'], user_id: 'x' }).success).toBe(
      false,
    );
    const parsed = createFlowBodySchema.parse({
      steps: [{ name: 'manage-payouts', hide_continue_button: true, future_option: 1 }],
    });
    expect(parsed.steps[0]).toEqual({
      name: 'manage-payouts',
      hide_continue_button: true,
      future_option: 1,
    });
  });

  it('payout and payout batch: platform enum, batch items need idempotency_key and fund=true', () => {
    expect(
      issuePaths(
        createPayoutBodySchema.safeParse({ user_id: USER_ID, amount: 5, platform: 'gold' }),
      ),
    ).toEqual(['platform']);
    const item = {
      user_id: USER_ID,
      amount: 5,
      platform: 'paypal',
      idempotency_key: USER_ID,
      fund: true,
    };
    expect(createPayoutBatchBodySchema.safeParse({ items: [item] }).success).toBe(true);
    expect(issuePaths(createPayoutBatchBodySchema.safeParse({ items: [] }))).toEqual(['items']);
    expect(
      issuePaths(
        createPayoutBatchBodySchema.safeParse({
          items: [{ ...item, fund: false, idempotency_key: undefined }],
        }),
      ),
    ).toEqual(['items.0.fund', 'items.0.idempotency_key']);
  });

  it('app name length and list params bounds', () => {
    expect(issuePaths(createAppBodySchema.safeParse({ name: 'ab' }))).toEqual(['name']);
    expect(issuePaths(listParamsSchema.safeParse({ limit: 101 }))).toEqual(['limit']);
    expect(listParamsSchema.safeParse({ limit: 100, starting_after: 'x' }).success).toBe(true);
    expect(listParamsSchema.parse({ limit: '10' })).toEqual({ limit: 10 });
    expect(issuePaths(listParamsSchema.safeParse({ limit: 'ten' }))).toEqual(['limit']);
  });
});
