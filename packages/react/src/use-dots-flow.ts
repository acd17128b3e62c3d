import { type Flow, flowExpiresAt, flowStepName, isFlowComplete } from '@dotskit/api/wire';
import { styledLink } from './appearance';
import { type DotsWidgetError, toWidgetError } from './errors';
import { frameAttrs, useCheckedLink } from './flow-link';
import { listenFrame } from './flow-message';
import type { DotsFlowStatus, UseDotsFlowOptions, UseDotsFlowResult } from './flow-types';
import { flowMessages } from './messages';
import { useDots } from './provider';
import { useEffect, useReducer, useRef } from './react-hooks';
import { resourceKey, useResource } from './store';
import { fireOnce, uid } from './util';
import { watchResource } from './watch';

export type {
  DotsFlowStatus,
  DotsFlowStepEvent,
  UseDotsFlowOptions,
  UseDotsFlowResult,
} from './flow-types';

interface State {
  key: string;
  retries: number;
  flowId?: string;
  /**
   * When the link of the flow this mount created stops working (epoch ms, local clock),
   * or `null`: it was created without a `user_id`, or resumed (see `flowExpiresAt`).
   */
  expiresAt?: number | null;
  error?: DotsWidgetError;
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
 * A flow expires only when Dots expires its link (`flowExpiresAt` of `@dotskit/api/wire`):
 * one this mount created with a `user_id` (a returning seller) becomes `expired`
 * 15 minutes after its creation answer arrived, unless finished. A flow created without
 * one (a first-time seller onboarding) never expires, and neither does a resumed
 * `flowId`: a later read cannot tell whether it was created with a `user_id`.
 * `restart()` makes a fresh flow.
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
  const alreadyComplete = complete && !!first.current && isFlowComplete(first.current);
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
        // From the creation answer (a later read may have gained a user_id) and the local
        // time it arrived (no clock skew between Dots and this browser).
        if (live) set({ flowId: f.id, expiresAt: flowExpiresAt(f, Date.now()) });
      },
      (err) => live && set({ error: toWidgetError(err) }),
    );
    return () => {
      live = false;
    };
  }, [rt, s.key, s.flowId, s.retries]);

  // Follow it: stream + polling, until complete, expired or exited.
  const id = active ? s.flowId : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: s.retries re-runs it on retry
  useEffect(() => {
    if (!id) return;
    return watchResource(rt, 'flow', id, {
      done: isFlowComplete,
      onError: (err) =>
        !rt.store.getState().resources[resourceKey('flow', id)] &&
        set({ error: toWidgetError(err) }),
    }).stop;
  }, [rt, id, s.retries]);

  // Page messages (from the checked link's origin and this frame only): a height, or a
  // hint that makes us ask the broker at once.
  const origin = url?.origin;
  useEffect(() => {
    if (!origin || !id) return;
    return listenFrame(frameRef, origin, (m) => {
      if ('height' in m) set({ height: m.height, loaded: true });
      else {
        fireOnce(fired.current, `${id}:step:${m.step}`, () =>
          cb.current.onStepComplete?.({ step: m.step, status: m.status }),
        );
        rt.fetch('flow', id).catch(() => {});
      }
    });
  }, [rt, origin, id]);

  // Expiry: only a flow this mount created with a user_id.
  const expiresAt = active ? s.expiresAt : null;
  useEffect(() => {
    if (expiresAt == null) return;
    const t = setTimeout(() => set({ expired: true }), expiresAt - Date.now());
    return () => clearTimeout(t);
  }, [expiresAt]);

  // Callbacks from transitions.
  useEffect(() => {
    if (!flow) return;
    const id = flow.id;
    const once = (k: string, fn: () => void) => fireOnce(fired.current, `${id}:${k}`, fn);
    const o = cb.current;
    // Already done when first seen: mark as fired without calling.
    for (const step of first.current?.completed_steps ?? [])
      fired.current.add(`${id}:step:${flowStepName(step)}`);
    if (alreadyComplete) fired.current.add(`${id}:complete`);
    for (const step of flow.completed_steps.map(flowStepName))
      once(`step:${step}`, () => o.onStepComplete?.({ step, status: 'completed', flow }));
    const userId = flow.user_id;
    if (userId) once('user', () => o.onUserLinked?.(userId, flow));
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
  const completedSteps = flow ? flow.completed_steps.map(flowStepName) : [];
  return {
    status,
    flow,
    error,
    alreadyComplete,
    completedSteps,
    currentStep: flow?.steps.map(flowStepName).find((n) => !completedSteps.includes(n)),
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
