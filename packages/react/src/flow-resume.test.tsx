import { describe, expect, it, vi } from 'vitest';
import { flush, setup } from './test-support/helpers';
import type { FakeBroker } from './testing';
import { createFakeBroker } from './testing';
import { type UseDotsFlowOptions, useDotsFlow } from './use-dots-flow';

// "Once" is per mount: callbacks fire for transitions this mount sees. A resumed flow that
// was already complete (or had steps done) when this mount first loaded it fires nothing
// for them; `alreadyComplete` says so.
function Probe(props: UseDotsFlowOptions) {
  const f = useDotsFlow(props);
  return <output data-status={f.status} data-already={String(f.alreadyComplete)} />;
}

async function createFlow(fb: FakeBroker, steps: string[]): Promise<string> {
  const res = await fb.fetch(`${fb.url}/flows`, {
    method: 'POST',
    headers: { authorization: 'Bearer token-1' },
    body: JSON.stringify({ steps }),
  });
  return ((await res.json()) as { id: string }).id;
}

const probe = () => document.querySelector('output')!;

describe('resuming a flowId', () => {
  it('already complete: no onComplete or onStepComplete on any mount, alreadyComplete true', async () => {
    const fb = createFakeBroker();
    const id = await createFlow(fb, ['compliance', 'payout']);
    fb.completeFlow(id);
    for (let mount = 0; mount < 2; mount++) {
      const onComplete = vi.fn();
      const onStepComplete = vi.fn();
      const r = setup(
        <Probe steps={[]} flowId={id} onComplete={onComplete} onStepComplete={onStepComplete} />,
        {},
        fb,
      );
      await flush();
      expect(probe().dataset.status).toBe('complete');
      expect(probe().dataset.already).toBe('true');
      expect(onComplete).not.toHaveBeenCalled();
      expect(onStepComplete).not.toHaveBeenCalled();
      r.unmount();
    }
  });

  it('completed while this mount watches: onComplete once, only the new steps reported', async () => {
    const fb = createFakeBroker();
    const id = await createFlow(fb, ['compliance', 'payout']);
    fb.completeStep(id, 'compliance');
    const onComplete = vi.fn();
    const onStepComplete = vi.fn();
    setup(
      <Probe steps={[]} flowId={id} onComplete={onComplete} onStepComplete={onStepComplete} />,
      {},
      fb,
    );
    await flush();
    expect(probe().dataset.already).toBe('false');
    fb.completeFlow(id);
    await flush();
    expect(probe().dataset.status).toBe('complete');
    expect(probe().dataset.already).toBe('false');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onStepComplete.mock.calls.map((c) => c[0].step)).toEqual(['payout']);
  });
});
