import { createContext, useContext } from 'react';
import type { DemoSession } from './session';

/** The signed-in seller and a way to re-read the session (e.g. after onboarding). */
export interface SellerContextValue {
  session: DemoSession;
  refresh: () => Promise<void>;
}

/** Provided by the signed-in shell. */
export const SellerContext = createContext<SellerContextValue | null>(null);

/** The signed-in seller; only inside the signed-in shell. */
export function useSeller(): SellerContextValue {
  const value = useContext(SellerContext);
  if (!value) throw new Error('useSeller must be used inside the signed-in shell');
  return value;
}
