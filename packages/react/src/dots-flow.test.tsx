import { fireEvent, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DotsFlow } from './dots-flow';
import { count, flush, onlyFlow, postFrom, setup } from './test-support/helpers';

afterEach(() => vi.useRealTimers());

const frame = () => document.querySelector('iframe') as HTMLIFrameElement;

describe('DotsFlow', () => {
  it('loads, becomes ready, completes steps and completes once', async () => {
    const onReady = vi.fn();
    const onStep = vi.fn();
    const onComplete = vi.fn();
    const { fb, container } = setup(
      <DotsFlow
        steps={['compliance', 'payout']}
        onReady={onReady}
        onStepComplete={onStep}
        onComplete={onComplete}
      />,
    );
    expect(container.firstElementChild!.getAttribute('data-state')).toBe('loading');
    expect(screen.getByText('Loading…')).toBeTruthy();
    await waitFor(() => expect(frame()).toBeTruthy());
    const flow = onlyFlow(fb);
    expect(frame().src).toBe(flow.link);
    expect(frame().title).toBe('Dots payouts');
    fireEvent.load(frame());
    await waitFor(() =>
      expect(container.firstElementChild!.getAttribute('data-state')).toBe('ready'),
    );
    expect(onReady).toHaveBeenCalledTimes(1);

    postFrom(frame().contentWindow, fb.flowOrigin, { step: 'compliance', status: 'completed' });
    expect(onStep).toHaveBeenCalledWith({
      step: 'compliance',
      status: 'completed',
      flow: undefined,
    });
    fb.completeStep(flow.id, 'compliance');
    await flush();
    expect(onStep).toHaveBeenCalledTimes(1);
    expect(onComplete).not.toHaveBeenCalled();

    fb.completeFlow(flow.id);
    await waitFor(() => expect(onComplete).toHaveBeenCalledTimes(1));
    expect(onStep).toHaveBeenCalledTimes(2);
    expect(container.firstElementChild!.getAttribute('data-state')).toBe('complete');
    expect(frame()).toBeNull();
  });

  it('creates exactly one flow under StrictMode', async () => {
    const { fb } = setup(
      <StrictMode>
        <DotsFlow steps={['compliance']} />
      </StrictMode>,
    );
    await waitFor(() => expect(frame()).toBeTruthy());
    await flush();
    expect(count(fb, 'POST', '/flows')).toBe(1);
    expect(fb.flows.size).toBe(1);
  });
});

it('runs on the expected React major', async () => {
  const { version } = await import('react');
  const { version: domVersion } = await import('react-dom');
  const major = process.env.DOTSKIT_REACT === '18' ? '18' : '19';
  expect(version.split('.')[0]).toBe(major);
  expect(domVersion.split('.')[0]).toBe(major);
});
