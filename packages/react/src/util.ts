export { uid } from './uid';

/** Joins class names, skipping empty ones. */
export const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

/** Runs `fn` unless `key` is already in `fired` (how every callback fires exactly once). */
export const fireOnce = (fired: Set<string>, key: string, fn: () => void) => {
  if (fired.has(key)) return;
  fired.add(key);
  fn();
};
