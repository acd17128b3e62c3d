import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { appearanceVars, type DotsAppearance } from './appearance';
import type { BrokerConfig } from './broker-client';
import { contrastWarnings } from './contrast';
import { type DotsMessages, defaultMessages } from './messages';
import { createDotsRuntime, type DotsRuntime } from './store';

/** Props of {@link DotsProvider}. */
export interface DotsProviderProps {
  /** The host's broker: `{ url, getToken, fetch? }`. May change identity between renders. */
  broker: BrokerConfig;
  /** Colours and theme for our UI (CSS variables) and for every flow (`?styles=`). Default: none. */
  appearance?: DotsAppearance;
  /** Replacement UI strings (merged over the English defaults). */
  messages?: Partial<Omit<DotsMessages, 'statuses'>> & { statuses?: Record<string, string> };
  children?: ReactNode;
}

/** What components read from the nearest provider. */
export interface DotsContextValue {
  rt: DotsRuntime;
  appearance: DotsAppearance | undefined;
  vars: Record<string, string>;
  messages: DotsMessages;
}

const Ctx = createContext<DotsContextValue | null>(null);

/**
 * Holds one zustand store, broker client and event stream for everything below it: two
 * providers never share state. Nothing connects until a component needs it; the stream
 * closes when the last component using it unmounts.
 */
export function DotsProvider({ broker, appearance, messages, children }: DotsProviderProps) {
  if (!broker || typeof broker.url !== 'string' || typeof broker.getToken !== 'function')
    throw new Error(
      '[dotskit] <DotsProvider> needs broker={{ url, getToken }}: the URL of your broker and a function returning the user’s JWT.',
    );
  const [rt] = useState(() => createDotsRuntime(broker));
  rt.config = broker;
  const value = useMemo<DotsContextValue>(
    () => ({
      rt,
      appearance,
      vars: appearanceVars(appearance),
      messages: {
        ...defaultMessages,
        ...messages,
        statuses: { ...defaultMessages.statuses, ...messages?.statuses },
      },
    }),
    [rt, appearance, messages],
  );
  const warnKey = JSON.stringify(appearance ?? null);
  useEffect(() => {
    if (typeof process !== 'undefined' && process.env?.NODE_ENV === 'production') return;
    for (const w of contrastWarnings(JSON.parse(warnKey))) console.warn(w);
  }, [warnKey]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The nearest provider's context; throws (naming the fix) outside a provider. */
export function useDots(name: string): DotsContextValue {
  const ctx = useContext(Ctx);
  if (!ctx)
    throw new Error(
      `[dotskit] ${name} must be used inside <DotsProvider broker={{ url, getToken }}>. Wrap your app (or this part of it) in <DotsProvider>.`,
    );
  return ctx;
}
