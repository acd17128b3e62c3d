import { StrictMode } from 'react';
import { afterEach, beforeEach, type Mock, vi } from 'vitest';
import { DotsFlow, type DotsFlowProps } from '../dots-flow';
import { setup } from './helpers';

/** Registers fake timers around every test of the calling file (time is driven by flush). */
export function fakeTimersPerTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}

/** The flow's iframe, if one is rendered. */
export const frame = () => document.querySelector('iframe');
/** The widget's root element in a rendered container. */
export const root = (c: HTMLElement) => c.firstElementChild;

/** The callback spies `mount` passes. */
type Spies = Record<
  'onReady' | 'onStepComplete' | 'onComplete' | 'onExit' | 'onError' | 'onUserLinked',
  Mock
>;

/**
 * Renders `<DotsFlow steps={['compliance', 'payout']}>` with a spy for every callback under
 * a fake broker (`setup`), optionally in StrictMode; returns the render, the broker and spies.
 */
export function mount(
  props: Partial<DotsFlowProps> = {},
  opts: { strict?: boolean } = {},
): ReturnType<typeof setup> & Spies {
  const cbs: Spies = {
    onReady: vi.fn(),
    onStepComplete: vi.fn(),
    onComplete: vi.fn(),
    onExit: vi.fn(),
    onError: vi.fn(),
    onUserLinked: vi.fn(),
  };
  const el = <DotsFlow steps={['compliance', 'payout']} {...cbs} {...props} />;
  const r = setup(opts.strict ? <StrictMode>{el}</StrictMode> : el);
  return { ...r, ...cbs };
}
