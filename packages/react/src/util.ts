export { uid } from './uid';

import { useRef } from 'react';

/** A ref always holding the latest value (for callbacks read from effects). */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/** Joins class names, skipping empty ones. */
export const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');
