import { useCallback, useMemo } from 'react';

/**
 * Remembers the id of a flow in progress (localStorage, per seller and page), so that a
 * reload or a later visit resumes the same flow instead of starting a new one. Read it
 * once when the page mounts; `forget()` when the flow completes or the seller starts over.
 */
export function useResumableFlowId(key: string) {
  const storageKey = `dotskit-demo:flow:${key}`;
  const flowId = useMemo(() => localStorage.getItem(storageKey) ?? undefined, [storageKey]);
  const remember = useCallback((id: string) => localStorage.setItem(storageKey, id), [storageKey]);
  const forget = useCallback(() => localStorage.removeItem(storageKey), [storageKey]);
  return { flowId, remember, forget };
}
