import type { RefObject } from 'react';
import type { FlowStepName } from './wire-types';

/** A validated message from a flow page. */
export type FlowMessage =
  | { height: number }
  | { step: FlowStepName; status: 'completed' | 'completed-saved' };

/** Smallest and largest iframe height we accept from a `{height}` message. */
export const MIN_HEIGHT = 240;
export const MAX_HEIGHT = 4000;

/**
 * Reads a flow page's `postMessage` data: an object `{height}` or `{step, status}`.
 * Anything else — strings, malformed or oversized step names, unknown statuses, wrong
 * types — gives `null`. The caller checks origin and source first.
 */
export function parseFlowMessage(data: unknown): FlowMessage | null {
  const { height, step, status } = (data && typeof data === 'object' ? data : {}) as Record<
    string,
    unknown
  >;
  if (typeof step === 'string')
    // `status` is checked as a string first: RegExp#test would coerce an object, and one
    // without a usable toString (a hostile page's message) throws instead of being refused.
    return /^[a-z-]{1,40}$/.test(step) &&
      typeof status === 'string' &&
      /^completed(-saved)?$/.test(status)
      ? { step: step as FlowStepName, status: status as 'completed' }
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
