import {
  type Flow,
  flowStepName,
  parseBrokerEvent,
  type ResourceByKind,
  type ResourceKind,
  type SseFrame,
} from '@dotskit/api/wire';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type BrokerClient, type BrokerConfig, createBrokerClient } from './broker-client';
import { createEventStream, type EventStream } from './event-stream';
import { useSyncExternalStore } from './react-hooks';
import { sharePending } from './util';

/** Broker path segment of each resource kind. */
export const RESOURCE_PATH: Record<ResourceKind, string> = {
  flow: 'flows',
  payout_link: 'payout-links',
  transfer: 'transfers',
  payout_batch: 'payout-batches',
};

/** Reactive state: every resource seen, keyed `${kind}:${id}`, and the last other frame. */
export interface DotsState {
  resources: Record<string, unknown>;
  /**
   * The stream's last frame that is not a resource event (e.g. `wallet.updated`), for the
   * hooks that read such frames; a new object per frame.
   */
  frame?: SseFrame;
}

/** Everything one `DotsProvider` owns: its store, client, stream and one-time work. */
export interface DotsRuntime {
  store: StoreApi<DotsState>;
  client: BrokerClient;
  stream: EventStream;
  /** Latest broker config (the provider updates it on each render). */
  config: BrokerConfig;
  put<K extends ResourceKind>(kind: K, resource: ResourceByKind[K]): void;
  fetch<K extends ResourceKind>(kind: K, id: string): Promise<ResourceByKind[K]>;
  /**
   * Runs `fn` once per `key` while its promise is pending: a StrictMode unmount/remount
   * gets the same promise. Settled work is dropped, so a retry after a failure runs again.
   */
  once<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** Store key of a resource. */
export const resourceKey = (kind: ResourceKind, id: string) => `${kind}:${id}`;

// Monotonic: a stale poll must never take back a completed step (and the list always
// exists). Steps are kept as their names, so a step given as an object counts once.
const mergeFlow = (prev: Flow | undefined, next: Flow): Flow => ({
  ...next,
  completed_steps: [
    ...new Set(
      [...(prev?.completed_steps ?? []), ...(next.completed_steps ?? [])].map(flowStepName),
    ),
  ],
});

/** Creates a provider's runtime. Nothing connects until a component acquires the stream. */
export function createDotsRuntime(config: BrokerConfig): DotsRuntime {
  const store = createStore<DotsState>()(() => ({ resources: {} }));
  const rt: DotsRuntime = {
    store,
    config,
    client: createBrokerClient(() => rt.config),
    stream: undefined as unknown as EventStream,
    put(kind, resource) {
      const key = resourceKey(kind, resource.id);
      store.setState((s) => {
        const prev = s.resources[key];
        const next = kind === 'flow' ? mergeFlow(prev as Flow, resource as Flow) : resource;
        return { resources: { ...s.resources, [key]: next } };
      });
    },
    async fetch(kind, id) {
      const r = await rt.client.get<ResourceByKind[typeof kind]>(
        `/${RESOURCE_PATH[kind]}/${encodeURIComponent(id)}`,
      );
      rt.put(kind, r);
      return r;
    },
    once: sharePending(),
  };
  // Resource events go into the store; other frames are left to the hooks that know them.
  rt.stream = createEventStream(rt.client, (frame) => {
    const ev = parseBrokerEvent(frame);
    if (ev) rt.put(ev.kind, ev.resource);
    else store.setState({ frame });
  });
  return rt;
}

/** Subscribes a component to one resource of the provider's store (undefined without an id). */
export function useResource<K extends ResourceKind>(
  rt: DotsRuntime,
  kind: K,
  id: string | null | undefined,
): ResourceByKind[K] | undefined {
  const get = () =>
    (id ? rt.store.getState().resources[resourceKey(kind, id)] : undefined) as
      | ResourceByKind[K]
      | undefined;
  return useSyncExternalStore(rt.store.subscribe, get, get);
}
