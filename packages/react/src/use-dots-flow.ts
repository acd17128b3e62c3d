import type { RefObject } from 'react';
import { useEffect, useReducer, useRef } from 'react';
import { styledLink } from './appearance';
import { type DotsError, toDotsError } from './errors';
import { parseFlowMessage } from './flow-message';
import { flowMessages } from './messages';
import { useDots } from './provider';
import { resourceKey, useResource } from './store';
import { fireOnce, uid } from './util';
import { watchResource } from './watch';
import {
  type Flow,
  type FlowStep,
  type FlowStepName,
  isFlowComplete,
  stepName,
} from './wire-types';

/** Where a flow is: `loading` until the flow exists and its page has loaded. */
export type DotsFlowStatus = 'loading' | 'ready' | 'complete' | 'expired' | 'exited' | 'error';

/** Argument of `onStepComplete`. `status` is `completed-saved` when the page said so. */
export interface DotsFlowStepEvent {
  step: FlowStepName;
  status: 'completed' | 'completed-saved';
  flow?: Flow;
}

/** Options of {@link useDotsFlow} (and props of `DotsFlow`). */
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
  /** Once per step, from the page's message or the broker, whichever comes first. */
  onStepComplete?: (event: DotsFlowStepEvent) => void;
  /** Once per flow, after the broker confirms `completed_steps` covers `steps`. */
  onComplete?: (flow: Flow) => void;
  /** Once, when the user leaves through `exit()` (the Cancel button) before completing. */
  onExit?: (event: { flow?: Flow; completedSteps: FlowStepName[] }) => void;
  /** Once per failure (creating or loading the flow). The UI shows a retry. */
  onError?: (error: DotsError) => void;
  /** Once per flow, when it has a Dots `user_id` (store it on your side). */
  onUserLinked?: (userId: string, flow: Flow) => void;
}

/** What {@link useDotsFlow} returns. Actions are safe to call in any state. */
export interface UseDotsFlowResult {
  status: DotsFlowStatus;
  flow?: Flow;
  error?: DotsError;
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
  /** Spread onto your `<iframe>` (null when no iframe should show). */
  frameProps: {
    ref: RefObject<HTMLIFrameElement | null>;
    src: string;
    title: string;
    onLoad: () => void;
  } | null;
}

/** Dots flow links expire 15 minutes after creation. */
export const FLOW_TTL_MS = 15 * 60_000;

interface State {
  key: string;
  retries: number;
  flowId?: string;
  createdAt?: number;
  error?: DotsError;
  loaded?: boolean;
  expired?: boolean;
  exited?: boolean;
  height?: number;
}

/** Dots timestamps may lack a zone (then UTC); NaN when missing or unparsable. */
const parseTime = (t = '') => Date.parse(/Z|[+-]\d\d:?\d\d$/i.test(t) ? t : `${t}Z`);

/**
 * Headless Dots flow. Lifecycle: creates the flow through the broker once per mount
 * (StrictMode included; the idempotency key is kept for retries) or resumes `flowId`;
 * then follows it through three channels — the page's messages (only from the link's
 * origin and this iframe), the provider's event stream, and polling with backoff paused
 * while the tab is hidden. Callbacks fire from state transitions, each exactly once.
 * After 15 minutes an unfinished flow becomes `expired`; `restart()` makes a fresh one.
 * Unmounting stops everything (listener, timers, stream reference).
 */
export function useDotsFlow(options: UseDotsFlowOptions): UseDotsFlowResult {
  const { rt, appearance, messages } = useDots('useDotsFlow');
  const cb = useRef(options);
  cb.current = options;
  // A patch with a new `key` starts over (restart); anything else merges.
  const [s, set] = useReducer(
    (p: State, patch: Partial<State>): State => (patch.key ? (patch as State) : { ...p, ...patch }),
    options.flowId,
    (flowId): State => ({ key: uid(), retries: 0, flowId }),
  );
  const flow = useResource(rt, 'flow', s.flowId);
  const frameRef = useRef<HTMLIFrameElement | null>(null);
  const fired = useRef(new Set<string>());
  const complete = !!flow && isFlowComplete(flow);
  const active = !!s.flowId && !complete && !s.expired && !s.exited;

  // Create the flow (one job per key, shared by a StrictMode remount).
  // biome-ignore lint/correctness/useExhaustiveDependencies: s.retries re-runs it on retry
  useEffect(() => {
    if (s.flowId) return;
    let live = true;
    rt.once(`flow:${s.key}`, () =>
      rt.client.post<Flow>('/flows', {
        steps: cb.current.steps,
        metadata: cb.current.metadata,
        idempotency_key: s.key,
      }),
    ).then(
      (f) => {
        rt.put('flow', f);
        if (live) set({ flowId: f.id, createdAt: Date.now() });
      },
      (err) => live && set({ error: toDotsError(err) }),
    );
    return () => {
      live = false;
    };
  }, [rt, s.key, s.flowId, s.retries]);

  // Follow it: stream + polling, until complete, expired or exited.
  // biome-ignore lint/correctness/useExhaustiveDependencies: s.retries re-runs it on retry
  useEffect(() => {
    if (!active) return;
    return watchResource(rt, 'flow', s.flowId!, {
      done: isFlowComplete,
      onError: (err) =>
        !rt.store.getState().resources[resourceKey('flow', s.flowId!)] &&
        set({ error: toDotsError(err) }),
    }).stop;
  }, [rt, active, s.flowId, s.retries]);

  // Page messages: a hint that makes us ask the broker at once.
  const link = flow?.link;
  useEffect(() => {
    if (!link || !active) return;
    let origin: string;
    try {
      origin = new URL(link).origin;
    } catch {
      return;
    }
    const id = s.flowId!;
    const onMessage = (e: MessageEvent) => {
      const frame = frameRef.current;
      if (e.origin !== origin || !frame || e.source !== frame.contentWindow) return;
      const m = parseFlowMessage(e.data);
      if (!m) return;
      if ('height' in m) set({ height: m.height, loaded: true });
      else {
        fireOnce(fired.current, `${id}:step:${m.step}`, () =>
          cb.current.onStepComplete?.({ step: m.step, status: m.status }),
        );
        rt.fetch('flow', id).catch(() => {});
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [rt, link, active, s.flowId]);

  // Expiry.
  const start = s.createdAt ?? parseTime(flow?.created);
  useEffect(() => {
    if (!active || !(start > 0)) return;
    const t = setTimeout(() => set({ expired: true }), start + FLOW_TTL_MS - Date.now());
    return () => clearTimeout(t);
  }, [active, start]);

  // Callbacks from transitions.
  useEffect(() => {
    if (!flow) return;
    const id = flow.id;
    const once = (k: string, fn: () => void) => fireOnce(fired.current, `${id}:${k}`, fn);
    const o = cb.current;
    for (const step of flow.completed_steps)
      once(`step:${step}`, () => o.onStepComplete?.({ step, status: 'completed', flow }));
    if (flow.user_id) once('user', () => o.onUserLinked?.(flow.user_id!, flow));
    if (complete) once('complete', () => o.onComplete?.(flow));
    if (s.loaded) once('ready', () => o.onReady?.(flow));
  }, [flow, complete, s.loaded]);

  useEffect(() => {
    if (s.error) cb.current.onError?.(s.error);
  }, [s.error]);

  const status: DotsFlowStatus = s.exited
    ? 'exited'
    : complete
      ? 'complete'
      : s.expired
        ? 'expired'
        : s.error && !flow
          ? 'error'
          : flow && s.loaded
            ? 'ready'
            : 'loading';
  const completedSteps = flow ? flow.completed_steps : [];
  return {
    status,
    flow,
    error: s.error,
    completedSteps,
    currentStep: flow?.steps.map(stepName).find((n) => !completedSteps.includes(n)),
    height: s.height,
    retry: () => set({ error: undefined, retries: s.retries + 1 }),
    restart: () => set({ key: uid(), retries: 0 }),
    exit: () => {
      if (!active) return;
      set({ exited: true });
      fireOnce(fired.current, `${s.key}:exit`, () => cb.current.onExit?.({ flow, completedSteps }));
    },
    frameProps:
      flow && active
        ? {
            ref: frameRef,
            src: styledLink(flow.link, appearance),
            title: options.title ?? messages.flowTitle ?? flowMessages.flowTitle,
            onLoad: () => set({ loaded: true }),
          }
        : null,
  };
}
