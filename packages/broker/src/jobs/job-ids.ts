/** The id of the job that publishes the webhook event with this `svix-id` (its deduplication key). */
export const webhookJobId = (svixId: string) => `webhook:${svixId}`;
/** The id of the job that follows this payout batch. */
export const batchJobId = (batchId: string) => `batch:${batchId}`;
