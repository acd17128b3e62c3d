import { act, type RenderResult, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { DotsProvider, type DotsProviderProps } from '../provider';
import { createFakeBroker, type FakeBroker } from '../testing';

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

/** Lets pending promises and microtasks settle (inside act). */
export const flush = async (n = 5) => {
  for (let i = 0; i < n; i++) await act(async () => {});
};

/** Sends a message to window as if from `source` at `origin`. */
export function postFrom(source: Window | null, origin: string, data: unknown) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
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
