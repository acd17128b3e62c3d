import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { ResourceStatus } from './status-model';
import { flush, setup } from './test-support/helpers';
import { createFakeBroker } from './testing';
import { type PayoutStatusValue, usePayoutStatus } from './use-payout-status';

let last: PayoutStatusValue | undefined;
function Probe({
  transferId,
  onChange,
}: {
  transferId: string;
  onChange?: (s: ResourceStatus, r: unknown) => void;
}) {
  last = usePayoutStatus({ transferId, onChange });
  return null;
}

describe('usePayoutStatus names', () => {
  it('`status` is the hook state, `resourceStatus` the resource status, typed as unions', async () => {
    expectTypeOf<PayoutStatusValue['status']>().toEqualTypeOf<'loading' | 'ready' | 'error'>();
    expectTypeOf<PayoutStatusValue['resourceStatus']>().toEqualTypeOf<ResourceStatus | undefined>();
    expectTypeOf<ResourceStatus>().not.toEqualTypeOf<string>();
    const fb = createFakeBroker();
    const t = fb.createTransfer({ status: 'pending' });
    setup(<Probe transferId={t.id} />, {}, fb);
    expect(last).toMatchObject({ status: 'loading', resourceStatus: undefined });
    await flush();
    expect(last).toMatchObject({ status: 'ready', resourceStatus: 'pending', tone: 'pending' });
    expect(last).not.toHaveProperty('state');
    fb.setTransferStatus(t.id, 'completed');
    await flush();
    expect(last).toMatchObject({ status: 'ready', resourceStatus: 'completed', terminal: true });
  });

  it('onChange gets each resourceStatus with the resource', async () => {
    const fb = createFakeBroker();
    const t = fb.createTransfer({ status: 'created' });
    const onChange = vi.fn<(s: ResourceStatus, r: unknown) => void>();
    setup(<Probe transferId={t.id} onChange={onChange} />, {}, fb);
    await flush();
    fb.setTransferStatus(t.id, 'flagged');
    await flush();
    expect(onChange.mock.calls.map(([s, r]) => [s, (r as { id: string }).id])).toEqual([
      ['created', t.id],
      ['flagged', t.id],
    ]);
  });
});
