export { uid } from './uid';

/** Joins class names, skipping empty ones. */
export const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

/** Runs `fn` unless `key` is already in `fired` (how every callback fires exactly once). */
export const fireOnce = (fired: Set<string>, key: string, fn: () => void) => {
  if (fired.has(key)) return;
  fired.add(key);
  fn();
};

/**
 * A runner that shares pending work by key: while the promise `fn` gave for `key` is
 * pending, calls with that key get the same promise (`fn` is not called); once it settles
 * it is dropped, so the next call (a retry after a failure, a fresh read) runs `fn` again.
 */
export const sharePending = () => {
  const pending = new Map<string, Promise<unknown>>();
  return <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    let p = pending.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn().finally(() => pending.delete(key));
      pending.set(key, p);
    }
    return p;
  };
};
