import { type DotsAppearance, DotsProvider } from '@dotskit/react';
import type { FakeBroker } from '@dotskit/react/testing';
import { type ComponentType, type ReactNode, useState } from 'react';
import { demoAppearance } from '../../src/appearance';
import { BROKER_PATH, createStoryBroker, type MockOptions } from './mock-broker';

/** Props of {@link MockedDots}. */
export interface MockedDotsProps<T> extends MockOptions {
  /** Seeds the fake broker before the first render; what it returns goes to `children`. */
  seed?: (fake: FakeBroker) => T;
  /** Theme of the provider's appearance (Storybook's toolbar sets it). */
  theme?: 'light' | 'dark';
  appearance?: DotsAppearance;
  children: (seeded: T, fake: FakeBroker) => ReactNode;
}

/**
 * A `<DotsProvider>` wired to a fresh network-mocked fake broker (one per story render).
 */
export function MockedDots<T = undefined>({
  seed,
  theme = 'light',
  appearance,
  hang,
  fail,
  children,
}: MockedDotsProps<T>) {
  const [state] = useState(() => {
    const fake = createStoryBroker({ hang, fail });
    return { fake, seeded: seed ? seed(fake) : (undefined as T) };
  });
  const [broker] = useState(() => ({ url: BROKER_PATH, getToken: state.fake.getToken }));
  return (
    <DotsProvider
      broker={broker}
      appearance={appearance ?? demoAppearance(theme)}
      // The stand-in flow pages (`fake-flow.html`) live beside the story.
      flowOrigins={[window.location.origin]}
    >
      {children(state.seeded, state.fake)}
    </DotsProvider>
  );
}

/** Options of {@link mockedRender}: the mock's failures, and a fixed theme. */
export type MockedRenderOptions = MockOptions & { theme?: 'light' | 'dark' };

/**
 * A story's `render`: `Component` with the story's args under {@link MockedDots} seeded by
 * `seed`, in `options.theme`, else the theme of Storybook's toolbar.
 */
export function mockedRender<P extends object>(
  Component: ComponentType<P>,
  seed: (fake: FakeBroker) => void,
  options: MockedRenderOptions = {},
) {
  return (args: P, { globals }: { globals: Record<string, unknown> }) => (
    <MockedDots
      seed={seed}
      hang={options.hang}
      fail={options.fail}
      theme={options.theme ?? (globals.theme as 'light' | 'dark' | undefined)}
    >
      {() => <Component {...args} />}
    </MockedDots>
  );
}
