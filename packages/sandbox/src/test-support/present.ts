/**
 * `value`, which the test expects to be there by now (a flow's `user_id` after onboarding,
 * a link's `transfer_id`); fails the test naming `what` otherwise.
 */
export function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}
