import type { FlowStepName } from './wire-types';

/** A validated message from a flow page. */
export type FlowMessage =
  | { height: number }
  | { step: FlowStepName; status: 'completed' | 'completed-saved' };

const STEPS = new Set<string>([
  'compliance',
  'id-verification',
  'background-check',
  'manage-payments',
  'manage-payouts',
  'payout',
  'redirect',
  'pdf-form-fill',
]);

/** Smallest and largest iframe height we accept from a `{height}` message. */
export const MIN_HEIGHT = 240;
export const MAX_HEIGHT = 4000;

/**
 * Reads a flow page's `postMessage` data (`{height}` or `{step, status}`; a JSON string
 * of either up to 1 KB is accepted too). Anything else — unknown steps or statuses, wrong
 * types, oversized strings — gives `null`. The caller checks origin and source first.
 */
export function parseFlowMessage(data: unknown): FlowMessage | null {
  if (typeof data === 'string') {
    if (data.length > 1024) return null;
    try {
      data = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!data || typeof data !== 'object') return null;
  const { height, step, status } = data as Record<string, unknown>;
  if (step !== undefined)
    return typeof step === 'string' &&
      STEPS.has(step) &&
      (status === 'completed' || status === 'completed-saved')
      ? { step: step as FlowStepName, status }
      : null;
  if (typeof height === 'number' && Number.isFinite(height) && height > 0)
    return { height: Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.round(height))) };
  return null;
}
