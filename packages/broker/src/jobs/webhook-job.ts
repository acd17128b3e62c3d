import type { Logger } from 'pino';
import type { Job } from '../store/ports';
import { handleWebhookEvent, OwnerNotKnown, type WebhookEventContext } from './webhook-event';
import type { JobHandler } from './worker';

/** A stored webhook event (the `webhook` job's payload). */
export interface WebhookJobPayload {
  type: string;
  payload: Record<string, unknown>;
  /** Epoch ms. */
  receivedAt: number;
}

/**
 * Retry delays of a webhook job by attempt: 0.5 s, 2 s, 8 s cover brief Dots errors and a
 * webhook that overtook its create; then 30 s, 2 min, 10 min, 30 min cover Dots being down
 * for longer (~45 min in all); then the event is given up on.
 */
export const WEBHOOK_RETRIES_MS = [500, 2_000, 8_000, 30_000, 120_000, 600_000, 1_800_000];
/** Tries after which a webhook whose resource has no recorded owner is taken to be not ours. */
const OWNER_TRIES = 4;

/** The `webhook` job: publishes a stored, verified webhook event (see `handleWebhookEvent`). */
export function webhookJobHandler(
  ctx: WebhookEventContext,
  retriesMs: readonly number[] = WEBHOOK_RETRIES_MS,
): JobHandler {
  return {
    async run(job: Job) {
      const event = job.payload as WebhookJobPayload;
      await handleWebhookEvent(ctx, event.type, event.payload ?? {});
      return undefined;
    },
    // A webhook that overtakes the create recording its owner is normal: retried quietly.
    expected: (error) => error instanceof OwnerNotKnown,
    retryIn(job, error) {
      if (error instanceof OwnerNotKnown && job.attempts >= OWNER_TRIES) return undefined;
      return retriesMs[job.attempts - 1];
    },
    gaveUp(job, error, logger: Logger) {
      const type = (job.payload as WebhookJobPayload).type;
      if (error instanceof OwnerNotKnown) {
        logger.info({ job: job.id, type }, 'webhook about a resource the broker did not create');
        return 'not_ours';
      }
      logger.error(
        { err: error, job: job.id, type, attempts: job.attempts },
        'webhook processing failed; giving up',
      );
      return 'gave_up';
    },
  };
}
