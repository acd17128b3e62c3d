import { type Kysely, sql } from 'kysely';
import { fromJson, toJson } from './json';
import { DEFAULT_WEBHOOK_LEASE_MS } from './memory-outbox';
import { SWEEP_EVERY } from './memory-store';
import type { BrokerDatabase } from './schema';
import { claimIdempotencyOnce } from './sql-idempotency';
import { sqlOutbox } from './sql-outbox';
import type { BrokerStore, StreamEvent, StreamListener, WebhookEventRecord } from './types';

/** What a SQL dialect adds to the shared implementation. */
export interface SqlStoreConfig {
  kind: 'sqlite' | 'postgres';
  db: Kysely<BrokerDatabase>;
  now: () => number;
  /** See `StoreOptions.idempotencyLeaseMs`. */
  leaseMs: number;
  /** See `StoreOptions.retentionMs`. */
  retentionMs: number;
  /** Runs migrations and starts whatever the dialect needs (e.g. the LISTEN client). */
  init(): Promise<void>;
  /** Stops the dialect's extras; the shared part then destroys `db`. */
  stop(): Promise<void>;
  /** Stores a webhook event unless its svix id is known; default: one `INSERT … ON CONFLICT`. */
  insertWebhookEvent?(
    event: WebhookEventRecord,
    payload: string,
    leaseUntil: number,
  ): Promise<boolean>;
  /** Marks an event processed at `at`; default: one `UPDATE`. */
  markWebhookProcessed?(svixId: string, at: number): Promise<void>;
  /** Makes an unprocessed event due at `at`; default: one `UPDATE`. */
  retryWebhookEvent?(svixId: string, at: number): Promise<void>;
  /** Inserts the event (JSON text in `data`) and notifies subscribers. */
  appendEvent(owner: string, type: string, data: string, createdAt: number): Promise<StreamEvent>;
  subscribe(listener: StreamListener): () => void;
}

/** A `stream_events` row as read from either dialect. */
export interface StreamEventRow {
  id: number | string;
  owner: string;
  type: string;
  data: string;
  created_at: number | string;
}

/** Maps a `stream_events` row (int8 columns may come back as strings) to a `StreamEvent`. */
export function toStreamEvent(row: StreamEventRow): StreamEvent {
  return {
    id: Number(row.id),
    owner: row.owner,
    type: row.type,
    data: fromJson(row.data),
    createdAt: Number(row.created_at),
  };
}

/**
 * The part of the SQLite and PostgreSQL stores that is the same SQL for both: every
 * write that must be atomic is one `INSERT … ON CONFLICT` statement, so it holds across
 * processes sharing the database.
 */
export function createSqlStore(config: SqlStoreConfig): BrokerStore {
  const { db, now } = config;
  let closed = false;
  let closing: Promise<void> | undefined;
  let writes = 0;

  const open = () => {
    if (closed) throw new Error(`@dotskit/broker: the ${config.kind} store is closed`);
  };

  async function sweep() {
    const at = now();
    const cutoff = at - config.retentionMs;
    await db.deleteFrom('idempotency').where('expires_at', '<=', at).execute();
    await db.deleteFrom('rate_limits').where('reset_at', '<=', at).execute();
    await db.deleteFrom('webhook_events').where('received_at', '<=', cutoff).execute();
    await db.deleteFrom('stream_events').where('created_at', '<=', cutoff).execute();
  }
  const wrote = async () => {
    if (++writes % SWEEP_EVERY === 0) await sweep();
  };

  const outbox = sqlOutbox(config, open);

  return {
    kind: config.kind,
    idempotencyLeaseMs: config.leaseMs,
    async init() {
      open();
      await config.init();
      await sweep();
    },
    async ping() {
      open();
      await sql`select 1`.execute(db);
    },
    close() {
      closed = true;
      closing ??= (async () => {
        try {
          await config.stop();
        } finally {
          await db.destroy();
        }
      })();
      return closing;
    },

    async recordOwner(kind, id, owner, relation = 'owner') {
      open();
      await db
        .insertInto('ownership')
        .values({ kind, id, owner, relation, created_at: now() })
        .onConflict((oc) => oc.columns(['kind', 'id']).doNothing())
        .execute();
    },
    async getOwner(kind, id) {
      open();
      const row = await db
        .selectFrom('ownership')
        .select(['owner', 'relation'])
        .where('kind', '=', kind)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { owner: row.owner, relation: row.relation };
    },
    async listOwned(kind, owner, limit, relation) {
      open();
      let query = db
        .selectFrom('ownership')
        .select('id')
        .where('owner', '=', owner)
        .where('kind', '=', kind);
      if (relation) query = query.where('relation', '=', relation);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map((r) => r.id);
    },

    async claimIdempotency(key, requestHash, ttlMs) {
      open();
      await wrote();
      for (let attempt = 0; attempt < 5; attempt++) {
        const claim = await claimIdempotencyOnce(
          db,
          key,
          requestHash,
          ttlMs,
          now(),
          config.leaseMs,
        );
        if (claim) return claim;
      }
      // Only reachable if the key is released again and again under our feet.
      return { state: 'pending' };
    },
    async completeIdempotency(key, status, body) {
      open();
      await db
        .updateTable('idempotency')
        .set({ state: 'done', status, response: toJson(body) })
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .execute();
    },
    async renewIdempotencyLease(key) {
      open();
      await db
        .updateTable('idempotency')
        .set({ lease_until: now() + config.leaseMs })
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .execute();
    },
    async releaseIdempotency(key) {
      open();
      await db
        .deleteFrom('idempotency')
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .execute();
    },

    async insertWebhookEvent(event, leaseMs = DEFAULT_WEBHOOK_LEASE_MS) {
      open();
      await wrote();
      const leaseUntil = now() + leaseMs;
      if (config.insertWebhookEvent)
        return config.insertWebhookEvent(event, toJson(event.payload), leaseUntil);
      const inserted = await db
        .insertInto('webhook_events')
        .values({
          svix_id: event.svixId,
          type: event.type,
          payload: toJson(event.payload),
          received_at: event.receivedAt,
          lease_until: leaseUntil,
          attempts: 1,
        })
        .onConflict((oc) => oc.column('svix_id').doNothing())
        .returning('svix_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    ...outbox,
    async countWebhookEvents() {
      open();
      const row = await db
        .selectFrom('webhook_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async appendEvent(owner, type, data) {
      open();
      await wrote();
      return config.appendEvent(owner, type, toJson(data), now());
    },
    async eventsSince(owner, afterId, limit) {
      open();
      const rows = await db
        .selectFrom('stream_events')
        .selectAll()
        .where('owner', '=', owner)
        .where('id', '>', Math.floor(afterId))
        .orderBy('id', 'asc')
        .limit(Math.max(0, Math.floor(limit)))
        .execute();
      return rows.map(toStreamEvent);
    },
    subscribe(listener) {
      open();
      return config.subscribe(listener);
    },

    async linkUser(owner, dotsUserId) {
      open();
      await db
        .insertInto('linked_users')
        .values({ owner, dots_user_id: dotsUserId, updated_at: now() })
        .onConflict((oc) => oc.column('owner').doNothing())
        .execute();
      const row = await db
        .selectFrom('linked_users')
        .select('dots_user_id')
        .where('owner', '=', owner)
        .executeTakeFirstOrThrow();
      return row.dots_user_id;
    },
    async replaceLinkedUser(owner, dotsUserId) {
      open();
      const at = now();
      await db
        .insertInto('linked_users')
        .values({ owner, dots_user_id: dotsUserId, updated_at: at })
        .onConflict((oc) =>
          oc.column('owner').doUpdateSet({ dots_user_id: dotsUserId, updated_at: at }),
        )
        .execute();
    },
    async markOnce(key) {
      open();
      const inserted = await db
        .insertInto('once_markers')
        .values({ key, created_at: now() })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async getLinkedUser(owner) {
      open();
      const row = await db
        .selectFrom('linked_users')
        .select('dots_user_id')
        .where('owner', '=', owner)
        .executeTakeFirst();
      return row?.dots_user_id;
    },

    async hitRateLimit(key, windowMs) {
      open();
      await wrote();
      const at = now();
      const resetAt = at + windowMs;
      const row = await db
        .insertInto('rate_limits')
        .values({ key, hits: 1, reset_at: resetAt })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            hits: eb
              .case()
              .when('rate_limits.reset_at', '<=', at)
              .then(1)
              .else(eb('rate_limits.hits', '+', 1))
              .end(),
            reset_at: eb
              .case()
              .when('rate_limits.reset_at', '<=', at)
              .then(resetAt)
              .else(eb.ref('rate_limits.reset_at'))
              .end(),
          })),
        )
        .returning(['hits', 'reset_at'])
        .executeTakeFirstOrThrow();
      return { hits: Number(row.hits), resetAt: Number(row.reset_at) };
    },
    async decrementRateLimit(key) {
      open();
      await db
        .updateTable('rate_limits')
        .set((eb) => ({ hits: eb('hits', '-', 1) }))
        .where('key', '=', key)
        .where('hits', '>', 0)
        .where('reset_at', '>', now())
        .execute();
    },
    async resetRateLimit(key) {
      open();
      await db.deleteFrom('rate_limits').where('key', '=', key).execute();
    },
  };
}
