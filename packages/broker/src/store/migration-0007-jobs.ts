import type { Migration } from 'kysely';
import { type Kysely, sql } from 'kysely';
import { batchJobId, webhookJobId } from '../jobs/job-ids';

interface OldWebhookEvent {
  svix_id: string;
  type: string;
  payload: string;
  received_at: number | string;
  processed_at: number | string | null;
  lease_until: number | string;
  attempts: number | string;
}

interface OldBatchWatch {
  batch_id: string;
  owner: string;
  progress: string;
  delay_ms: number | string;
  started_at: number | string;
  lease_until: number | string;
}

/**
 * One `jobs` table for every background duty, claimed by one worker, instead of a table
 * and a claim loop per duty (`webhook_events`, `batch_watches`). Their rows move over:
 * webhook events (processed ones too, as done jobs, so that redeliveries are still
 * recognised) and batch watches keep their due times and attempts.
 */
export const jobsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('due_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('done_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('jobs_due_idx')
      .on('jobs')
      .column('due_at')
      .where(sql.ref('done_at'), 'is', null)
      .execute();
    await db.schema.createIndex('jobs_created_idx').on('jobs').column('created_at').execute();

    const old = db as Kysely<{ webhook_events: OldWebhookEvent; batch_watches: OldBatchWatch }>;
    const jobs = db as Kysely<{ jobs: Record<string, unknown> }>;
    for (const e of await old.selectFrom('webhook_events').selectAll().execute()) {
      const receivedAt = Number(e.received_at);
      await jobs
        .insertInto('jobs')
        .values({
          id: webhookJobId(e.svix_id),
          kind: 'webhook',
          payload: JSON.stringify({ type: e.type, payload: JSON.parse(e.payload), receivedAt }),
          created_at: receivedAt,
          due_at: Number(e.lease_until),
          attempts: Number(e.attempts),
          done_at: e.processed_at === null ? null : Number(e.processed_at),
        })
        .execute();
    }
    for (const w of await old.selectFrom('batch_watches').selectAll().execute()) {
      const startedAt = Number(w.started_at);
      const payload = {
        batchId: w.batch_id,
        owner: w.owner,
        progress: w.progress,
        delayMs: Number(w.delay_ms),
        startedAt,
      };
      await jobs
        .insertInto('jobs')
        .values({
          id: batchJobId(w.batch_id),
          kind: 'batch',
          payload: JSON.stringify(payload),
          created_at: startedAt,
          due_at: Number(w.lease_until),
          attempts: 0,
          done_at: null,
        })
        .execute();
    }
    await db.schema.dropTable('webhook_events').execute();
    await db.schema.dropTable('batch_watches').execute();
  },
};
