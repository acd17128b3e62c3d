/** What each memory port implementation gets from the store that composes them. */
export interface MemoryPortContext {
  now: () => number;
  /** Throws once the store is closed. */
  open(): void;
  /** Counts a write towards the periodic retention sweep (and may run it). */
  wrote(): void;
}

/** A memory port: its methods, and how it forgets what retention lets go. */
export interface MemoryPart<T> {
  methods: T;
  /** Forgets what expired by `at` (and what was created at or before `cutoff`). */
  sweep(at: number, cutoff: number): void;
}
