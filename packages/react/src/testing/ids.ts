/** Whether `id` has the shape of a Dots resource id, as the broker's `resourceIdSchema` checks. */
export const isResourceId = (id: string): boolean => /^[A-Za-z0-9_-]{1,128}$/.test(id);
