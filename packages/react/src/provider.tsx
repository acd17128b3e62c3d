import type { ReactNode } from 'react';
import { appearanceVars, type DotsAppearance } from './appearance';
import type { BrokerConfig } from './broker-client';
import { contrastWarnings } from './contrast';
import { assertFlowOrigins } from './flow-link';
import type { DotsMessages } from './messages';
import { createContext, useContext, useMemo, useState } from './react-hooks';
import { createDotsRuntime, type DotsRuntime } from './store';

/** Props of {@link DotsProvider}. */
export interface DotsProviderProps {
  /** The host's broker: `{ url, getToken, fetch? }`. May change identity between renders. */
  broker: BrokerConfig;
  /** Colours and theme for our UI (CSS variables) and for every flow (`?styles=`). Default: none. */
  appearance?: DotsAppearance;
  /** Replacement UI strings (merged over the English defaults). */
  messages?: Partial<DotsMessages>;
  /**
   * Origins besides Dots' own flow hosts whose links may be framed or opened, e.g. a local
   * sandbox `['http://localhost:4010']`: exact origins, `https:` or `http:` on a loopback
   * host. Default none. Every other link is refused (`untrusted_link`).
   */
  flowOrigins?: readonly string[];
  children?: ReactNode;
}

/** What components read from the nearest provider. */
export interface DotsContextValue {
  rt: DotsRuntime;
  appearance: DotsAppearance | undefined;
  vars: Record<string, string>;
  /** The host's replacements; each component merges them over its own defaults. */
  messages: Partial<DotsMessages>;
  /** `flowOrigins` of the provider (see `checkLink`). */
  origins: readonly string[];
}

const USAGE = '<DotsProvider broker={{ url, getToken }}>';

const Ctx = createContext<DotsContextValue | null>(null);

/** Contrast warnings already printed (each once per page). */
const warned = new Set<string>();

/**
 * Holds one zustand store, broker client and event stream for everything below it: two
 * providers never share state. Nothing connects until a component needs it; the stream
 * closes when the last component using it unmounts.
 */
export function DotsProvider({
  broker,
  appearance,
  messages,
  flowOrigins,
  children,
}: DotsProviderProps) {
  // Checked in development builds (bundlers drop this branch from production ones).
  if (typeof process === 'object' && process.env.NODE_ENV !== 'production') {
    if (typeof broker?.url !== 'string' || typeof broker.getToken !== 'function')
      throw new TypeError(`[dotskit] ${USAGE}: broker is missing or incomplete.`);
    assertFlowOrigins(flowOrigins);
  }
  const [rt] = useState(() => createDotsRuntime(broker));
  rt.config = broker;
  // An inline array is a new one each render: key the context on its contents.
  const origins = String(flowOrigins ?? '');
  const value = useMemo<DotsContextValue>(
    () => ({
      rt,
      appearance,
      vars: appearanceVars(appearance),
      messages: messages ?? {},
      origins: origins.split(','),
    }),
    [rt, appearance, messages, origins],
  );
  // Development only (bundlers drop this from production builds); each warning once per page.
  if (typeof process === 'object' && process.env.NODE_ENV !== 'production')
    for (const w of contrastWarnings(appearance))
      if (!warned.has(w)) {
        warned.add(w);
        console.warn(w);
      }
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The nearest provider's context; throws (naming the fix) outside a provider. */
export function useDots(name: string): DotsContextValue {
  const ctx = useContext(Ctx);
  if (!ctx) throw new TypeError(`[dotskit] ${name} must be used inside ${USAGE}.`);
  return ctx;
}
