import { type Kysely, sql } from 'kysely';
import { fromJson } from './json';
import type { BrokerDatabase } from './schema';
import type { SqlStoreConfig } from './sql-store';
import type { BatchWatch, BrokerStore, DueWebhookEvent } from './types';

/** The store methods for leased work: the webhook outbox and payout batch watches. */
export type SqlOutbox = Pick<
  BrokerStore,
  | 'claimDueWebhookEvents'
  | 'markWebhookProcessed'
  | 'retryWebhookEvent'
  | 'countPendingWebhookEvents'
  | 'saveBatchWatch'
  | 'claimDueBatchWatches'
  | 'deleteBatchWatch'
>;

interface ClaimSpec {
  table: 'webhook_events' | 'batch_watches';
  key: 'svix_id' | 'batch_id';
  /** Only rows not processed yet (webhook events). */
  unprocessedOnly: boolean;
  /** Count the claim in `attempts` (webhook events). */
  countAttempt: boolean;
  returning: string[];
}

/**
 * Claims up to `limit` rows whose lease has ended (the longest due), moving their lease to
 * `at + leaseMs`, in one statement. PostgreSQL: the due rows are picked in a MATERIALIZED
 * CTE with FOR UPDATE SKIP LOCKED, so two claimers never get the same row, never wait for
 * each other's locks, and the LIMIT applies once (an IN-subquery may be run again and claim
 * more). SQLite has one writer at a time: the plain statement is atomic.
 */
async function claimDue<Row>(
  config: SqlStoreConfig,
  spec: ClaimSpec,
  limit: number,
  leaseMs: number,
): Promise<Row[]> {
  const { db } = config;
  const at = config.now();
  const table = sql.table(spec.table);
  const key = sql.ref(spec.key);
  const due = spec.unprocessedOnly
    ? sql`processed_at is null and lease_until <= ${at}`
    : sql`lease_until <= ${at}`;
  // Cheap read first: most sweeps find nothing, and a read takes no write lock.
  const any = await sql`select 1 from ${table} where ${due} limit 1`.execute(db);
  if (any.rows.length === 0) return [];
  const set = spec.countAttempt
    ? sql`lease_until = ${at + leaseMs}, attempts = attempts + 1`
    : sql`lease_until = ${at + leaseMs}`;
  const n = Math.max(0, Math.floor(limit));
  const columns = sql.join(spec.returning.map((c) => sql.ref(c)));
  const query =
    config.kind === 'postgres'
      ? sql<Row>`with due as materialized (
          select ${key} from ${table} where ${due} order by lease_until limit ${n}
          for update skip locked)
        update ${table} set ${set} where ${key} in (select ${key} from due)
        returning ${columns}`
      : sql<Row>`update ${table} set ${set} where ${key} in (
          select ${key} from ${table} where ${due} order by lease_until limit ${n})
        returning ${columns}`;
  return (await query.execute(db)).rows;
}

interface WebhookRow {
  svix_id: string;
  type: string;
  payload: string;
  received_at: number | string;
  attempts: number | string;
}

interface BatchWatchRow {
  batch_id: string;
  owner: string;
  progress: string;
  delay_ms: number | string;
  started_at: number | string;
}

/** The outbox and batch-watch methods of the SQL stores (same SQL for SQLite and PostgreSQL). */
export function sqlOutbox(config: SqlStoreConfig, open: () => void): SqlOutbox {
  const db: Kysely<BrokerDatabase> = config.db;
  const { now } = config;
  return {
    async claimDueWebhookEvents(limit, leaseMs) {
      open();
      const rows = await claimDue<WebhookRow>(
        config,
        {
          table: 'webhook_events',
          key: 'svix_id',
          unprocessedOnly: true,
          countAttempt: true,
          returning: ['svix_id', 'type', 'payload', 'received_at', 'attempts'],
        },
        limit,
        leaseMs,
      );
      return rows.map(
        (r): DueWebhookEvent => ({
          svixId: r.svix_id,
          type: r.type,
          payload: fromJson(r.payload),
          receivedAt: Number(r.received_at),
          attempts: Number(r.attempts),
        }),
      );
    },
    async markWebhookProcessed(svixId) {
      open();
      if (config.markWebhookProcessed) return config.markWebhookProcessed(svixId, now());
      await db
        .updateTable('webhook_events')
        .set({ processed_at: now() })
        .where('svix_id', '=', svixId)
        .execute();
    },
    async retryWebhookEvent(svixId, delayMs) {
      open();
      if (config.retryWebhookEvent) return config.retryWebhookEvent(svixId, now() + delayMs);
      await db
        .updateTable('webhook_events')
        .set({ lease_until: now() + delayMs })
        .where('svix_id', '=', svixId)
        .where('processed_at', 'is', null)
        .execute();
    },
    async countPendingWebhookEvents(withinMs) {
      open();
      const row = await db
        .selectFrom('webhook_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('processed_at', 'is', null)
        .where('lease_until', '<=', now() + withinMs)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async saveBatchWatch(watch, dueInMs, existingOnly = false) {
      open();
      const update = {
        progress: watch.progress,
        delay_ms: watch.delayMs,
        lease_until: now() + dueInMs,
      };
      if (existingOnly) {
        await db
          .updateTable('batch_watches')
          .set(update)
          .where('batch_id', '=', watch.batchId)
          .execute();
        return;
      }
      await db
        .insertInto('batch_watches')
        .values({
          batch_id: watch.batchId,
          owner: watch.owner,
          started_at: watch.startedAt,
          ...update,
        })
        .onConflict((oc) => oc.column('batch_id').doUpdateSet(update))
        .execute();
    },
    async claimDueBatchWatches(limit, leaseMs) {
      open();
      const rows = await claimDue<BatchWatchRow>(
        config,
        {
          table: 'batch_watches',
          key: 'batch_id',
          unprocessedOnly: false,
          countAttempt: false,
          returning: ['batch_id', 'owner', 'progress', 'delay_ms', 'started_at'],
        },
        limit,
        leaseMs,
      );
      return rows.map(
        (r): BatchWatch => ({
          batchId: r.batch_id,
          owner: r.owner,
          progress: r.progress,
          delayMs: Number(r.delay_ms),
          startedAt: Number(r.started_at),
        }),
      );
    },
    async deleteBatchWatch(batchId) {
      open();
      await db.deleteFrom('batch_watches').where('batch_id', '=', batchId).execute();
    },
  };
}
