import { type FlowStepName, isFlowStepName } from '@dotskit/api/wire';
import type { RefObject } from 'react';

/** A validated message from a flow page. */
export type FlowMessage =
  | { height: number }
  | { step: FlowStepName; status: 'completed' | 'completed-saved' };

/** Smallest and largest iframe height we accept from a `{height}` message. */
export const MIN_HEIGHT = 240;
export const MAX_HEIGHT = 4000;

/**
 * Reads a flow page's `postMessage` data: an object `{height}` or `{step, status}` where
 * `step` is one of Dots' step names. Anything else — strings, unknown step names,
 * unknown statuses, wrong types — gives `null`. The caller checks origin and source first.
 */
export function parseFlowMessage(data: unknown): FlowMessage | null {
  const { height, step, status } = (data && typeof data === 'object' ? data : {}) as Record<
    string,
    unknown
  >;
  if (typeof step === 'string')
    // Compared, never coerced: an object without a usable toString (a hostile page's
    // message) must be refused, not throw in the listener.
    return isFlowStepName(step) && (status === 'completed' || status === 'completed-saved')
      ? { step, status }
      : null;
  // NaN fails `> 0`; Infinity is clamped.
  return typeof height === 'number' && height > 0
    ? { height: Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)) }
    : null;
}

/**
 * Listens for flow-page messages from one frame: only events whose `origin` equals
 * `origin` (a checked link's) and whose `source` is that frame's window are parsed and
 * handed to `onMessage`. Returns the function that stops listening.
 */
export function listenFrame(
  frame: RefObject<HTMLIFrameElement | null>,
  origin: string,
  onMessage: (m: FlowMessage) => void,
): () => void {
  const on = (e: MessageEvent) => {
    const m =
      e.origin === origin &&
      !!e.source &&
      e.source === frame.current?.contentWindow &&
      parseFlowMessage(e.data);
    if (m) onMessage(m);
  };
  window.addEventListener('message', on);
  return () => window.removeEventListener('message', on);
}
