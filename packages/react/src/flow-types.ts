import type { Flow, FlowStep, FlowStepName } from '@dotskit/api/wire';
import type { RefObject } from 'react';
import type { DotsWidgetError } from './errors';
import type { frameAttrs } from './flow-link';

/** Where a flow is: `loading` until the flow exists and its page has loaded. */
export type DotsFlowStatus = 'loading' | 'ready' | 'complete' | 'expired' | 'exited' | 'error';

/** Argument of `onStepComplete`. `status` is `completed-saved` when the page said so. */
export interface DotsFlowStepEvent {
  step: FlowStepName;
  status: 'completed' | 'completed-saved';
  flow?: Flow;
}

/** Options of `useDotsFlow` (and props of `DotsFlow`). */
export interface UseDotsFlowOptions {
  /** Steps of a new flow (read when it is created). */
  steps: FlowStep[];
  /** Metadata for a new flow. */
  metadata?: Record<string, unknown>;
  /** Resume this existing flow instead of creating one. */
  flowId?: string;
  /** Accessible title of the iframe. Default: `messages.flowTitle`. */
  title?: string;
  /** Once per flow, when its page has loaded. */
  onReady?: (flow: Flow) => void;
  /**
   * Once per step this mount sees completing, from the page's message or the broker,
   * whichever comes first. Steps already done when a resumed `flowId` first loads are not
   * reported (they are in `completedSteps`).
   */
  onStepComplete?: (event: DotsFlowStepEvent) => void;
  /**
   * Once per flow and mount, when this mount sees the flow become complete (the broker
   * confirms `completed_steps` covers `steps`). A resumed `flowId` that is already
   * complete when it first loads does not fire it: `alreadyComplete` is true instead.
   */
  onComplete?: (flow: Flow) => void;
  /** Once, when the user leaves through `exit()` (the Cancel button) before completing. */
  onExit?: (event: { flow?: Flow; completedSteps: FlowStepName[] }) => void;
  /**
   * Once per failure: creating or loading the flow, or a `link` that fails the link check
   * (code `untrusted_link`). The UI shows a retry.
   */
  onError?: (error: DotsWidgetError) => void;
  /** Once per flow, when it has a Dots `user_id` (store it on your side). */
  onUserLinked?: (userId: string, flow: Flow) => void;
}

/** What `useDotsFlow` returns. Actions are safe to call in any state. */
export interface UseDotsFlowResult {
  status: DotsFlowStatus;
  flow?: Flow;
  error?: DotsWidgetError;
  /** The flow was already complete when this mount first saw it (`onComplete` did not fire). */
  alreadyComplete: boolean;
  /** First step not yet completed. */
  currentStep?: FlowStepName;
  completedSteps: FlowStepName[];
  /** Height asked for by the page (px), once it has said. */
  height?: number;
  /** After an error: try the same request again (same idempotency key). */
  retry: () => void;
  /** After expiry or exit: create a fresh flow. */
  restart: () => void;
  /** Leave the flow: status `exited`, `onExit` once. */
  exit: () => void;
  /**
   * Spread onto your `<iframe>` (null when no iframe should show): a checked `src` and
   * the security attributes `sandbox`, `referrerPolicy` and `allow` (see `frameAttrs`).
   */
  frameProps:
    | ({
        ref: RefObject<HTMLIFrameElement | null>;
        src: string;
        title: string;
        onLoad: () => void;
      } & ReturnType<typeof frameAttrs>)
    | null;
}
