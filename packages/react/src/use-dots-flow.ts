import { useEffect, useReducer, useRef } from 'react';
import { styledLink } from './appearance';
import { type DotsError, toDotsError } from './errors';
import { frameAttrs, useCheckedLink } from './flow-link';
import { listenFrame } from './flow-message';
import type { DotsFlowStatus, UseDotsFlowOptions, UseDotsFlowResult } from './flow-types';
import { flowMessages } from './messages';
import { useDots } from './provider';
import { resourceKey, useResource } from './store';
import { fireOnce, parseTime, uid } from './util';
import { watchResource } from './watch';
import { type Flow, isFlowComplete, stepName } from './wire-types';

export type {
  DotsFlowStatus,
  DotsFlowStepEvent,
  UseDotsFlowOptions,
  UseDotsFlowResult,
} from './flow-types';

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
  const { rt, appearance, messages, origins } = useDots('useDotsFlow');
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
  const { url, error: linkError } = useCheckedLink(flow?.link, origins);
  const error = s.error ?? linkError;
  // What this mount saw first (once per flow id): steps and completion before it are not news.
  const first = useRef<Flow>(undefined);
  if (flow && first.current?.id !== flow.id) first.current = flow;
  const alreadyComplete = complete && isFlowComplete(first.current!);
  const active = !!s.flowId && !complete && !s.expired && !s.exited && !error;

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

  // Page messages (from the checked link's origin and this frame only): a height, or a
  // hint that makes us ask the broker at once.
  const origin = url?.origin;
  useEffect(() => {
    if (!origin || !active) return;
    const id = s.flowId!;
    return listenFrame(frameRef, origin, (m) => {
      if ('height' in m) set({ height: m.height, loaded: true });
      else {
        fireOnce(fired.current, `${id}:step:${m.step}`, () =>
          cb.current.onStepComplete?.({ step: m.step, status: m.status }),
        );
        rt.fetch('flow', id).catch(() => {});
      }
    });
  }, [rt, origin, active, s.flowId]);

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
    // Already done when first seen: mark as fired without calling.
    for (const step of first.current!.completed_steps) fired.current.add(`${id}:step:${step}`);
    if (alreadyComplete) fired.current.add(`${id}:complete`);
    for (const step of flow.completed_steps)
      once(`step:${step}`, () => o.onStepComplete?.({ step, status: 'completed', flow }));
    if (flow.user_id) once('user', () => o.onUserLinked?.(flow.user_id!, flow));
    if (complete) once('complete', () => o.onComplete?.(flow));
    if (s.loaded) once('ready', () => o.onReady?.(flow));
  }, [flow, complete, alreadyComplete, s.loaded]);

  useEffect(() => {
    if (error) cb.current.onError?.(error);
  }, [error]);

  const status: DotsFlowStatus = s.exited
    ? 'exited'
    : complete
      ? 'complete'
      : s.expired
        ? 'expired'
        : error && (!flow || !url)
          ? 'error'
          : flow && s.loaded
            ? 'ready'
            : 'loading';
  const completedSteps = flow ? flow.completed_steps : [];
  return {
    status,
    flow,
    error,
    alreadyComplete,
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
      url && active
        ? {
            ref: frameRef,
            ...frameAttrs(url),
            src: styledLink(url, appearance),
            title: options.title ?? messages.flowTitle ?? flowMessages.flowTitle,
            onLoad: () => set({ loaded: true }),
          }
        : null,
  };
}
