import { act, type RenderResult, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { DotsProvider, type DotsProviderProps } from '../provider';
import type { FakeBroker } from '../testing';
import { createFakeBroker } from '../testing';

/** Renders `ui` inside a provider wired to a fresh fake broker. */
export function setup(
  ui: ReactNode,
  props: Partial<DotsProviderProps> = {},
  fb = createFakeBroker(),
): RenderResult & { fb: FakeBroker } {
  const utils = render(
    <DotsProvider broker={fb.config} {...props}>
      {ui}
    </DotsProvider>,
  );
  return { fb, ...utils };
}

/** Lets pending promises settle (inside act); with fake timers, also runs due timers. */
export const flush = async (ms = 0) => {
  for (let i = 0; i < 5; i++)
    await act(async () => {
      if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(i === 0 ? ms : 0);
      else await new Promise<void>((r) => setTimeout(r, 0));
    });
};

/** Sends a message to window as if from `source` at `origin`. */
export function postFrom(source: Window | null | undefined, origin: string, data: unknown) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source: source ?? null }));
  });
}

/** The single flow the fake broker holds. */
export const onlyFlow = (fb: FakeBroker) => {
  const flows = [...fb.flows.values()];
  if (flows.length !== 1) throw new Error(`expected one flow, got ${flows.length}`);
  return flows[0]!;
};

/** Count of requests matching method + path. */
export const count = (fb: FakeBroker, method: string, path: string | RegExp) =>
  fb.requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  ).length;

/** The root element's `data-state`. */
export const stateOf = (el: Element | null) => el?.getAttribute('data-state');

/** Counts adds minus removes of listeners per event type on a target. */
export function listenerCounter(target: EventTarget) {
  const counts: Record<string, number> = {};
  const origAdd = target.addEventListener;
  const origRemove = target.removeEventListener;
  const add = vi.spyOn(target, 'addEventListener');
  const remove = vi.spyOn(target, 'removeEventListener');
  add.mockImplementation(function (this: EventTarget, type, fn, opts) {
    counts[type] = (counts[type] ?? 0) + 1;
    return origAdd.call(this, type, fn, opts);
  });
  remove.mockImplementation(function (this: EventTarget, type, fn, opts) {
    counts[type] = (counts[type] ?? 0) - 1;
    return origRemove.call(this, type, fn, opts);
  });
  return {
    counts,
    restore: () => {
      add.mockRestore();
      remove.mockRestore();
    },
  };
}
