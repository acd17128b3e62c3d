import { createStore, type StoreApi } from 'zustand/vanilla';
import { type BrokerClient, type BrokerConfig, createBrokerClient } from './broker-client';
import { createEventStream, type EventStream } from './event-stream';
import { type Flow, RESOURCE_PATH, type ResourceByKind, type ResourceKind } from './wire-types';

/** Reactive state: every resource seen, keyed `${kind}:${id}`. */
export interface DotsState {
  resources: Record<string, unknown>;
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
   * Runs `fn` once per `key` while anybody holds the key: a StrictMode unmount/remount (or
   * a double click) gets the same promise. Released keys are dropped on the next
   * microtask unless taken again; failed work is dropped so a retry runs it again.
   */
  once<T>(key: string, fn: () => Promise<T>): { promise: Promise<T>; release: () => void };
}

/** Store key of a resource. */
export const resourceKey = (kind: ResourceKind, id: string) => `${kind}:${id}`;

const mergeFlow = (prev: Flow | undefined, next: Flow): Flow =>
  prev
    ? {
        ...next,
        // Monotonic: a stale poll must never take back a completed step.
        completed_steps: [
          ...new Set([...(prev.completed_steps ?? []), ...(next.completed_steps ?? [])]),
        ],
      }
    : next;

/** Creates a provider's runtime. Nothing connects until a component acquires the stream. */
export function createDotsRuntime(config: BrokerConfig): DotsRuntime {
  const store = createStore<DotsState>()(() => ({ resources: {} }));
  const jobs = new Map<string, { promise: Promise<unknown>; refs: number }>();
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
    once<T>(key: string, fn: () => Promise<T>) {
      let job = jobs.get(key);
      if (!job) {
        const promise = fn();
        const entry = { promise, refs: 0 };
        job = entry;
        jobs.set(key, entry);
        promise.catch(() => jobs.get(key) === entry && jobs.delete(key));
      }
      const held = job;
      held.refs++;
      let released = false;
      return {
        promise: held.promise as Promise<T>,
        release() {
          if (released) return;
          released = true;
          held.refs--;
          queueMicrotask(() => held.refs === 0 && jobs.get(key) === held && jobs.delete(key));
        },
      };
    },
  };
  rt.stream = createEventStream(rt.client, (ev) => {
    if (ev.resource) rt.put(ev.kind, ev.resource as never);
    else if (store.getState().resources[resourceKey(ev.kind, ev.resource_id)])
      rt.fetch(ev.kind, ev.resource_id).catch(() => {});
  });
  return rt;
}
