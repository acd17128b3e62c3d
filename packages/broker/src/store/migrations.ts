import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { identityMigration } from './migration-0006-identity';
import { jobsMigration } from './migration-0007-jobs';
import { resourceStatesMigration } from './migration-0008-resource-states';
import type { BrokerDatabase } from './schema';

/** SQL dialects the broker's schema is written for. */
export type SqlDialectName = 'sqlite' | 'postgres';

/** Kysely's bookkeeping tables, prefixed so that they never clash with a host app's own Kysely. */
export const MIGRATION_TABLE = 'dotskit_migration';
/** See `MIGRATION_TABLE`. */
export const MIGRATION_LOCK_TABLE = 'dotskit_migration_lock';

/**
 * The broker's migrations, in code (nothing is read from disk at runtime). One schema for
 * both dialects; the only difference is how the stream event id is generated.
 */
export function brokerMigrations(dialect: SqlDialectName): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('ownership')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('ownership_pk', ['kind', 'id'])
          .execute();
        await db.schema
          .createIndex('ownership_owner_kind_created_idx')
          .on('ownership')
          .columns(['owner', 'kind', 'created_at'])
          .execute();

        await db.schema
          .createTable('idempotency')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('status', 'integer')
          .addColumn('response', 'text')
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('idempotency_expires_idx')
          .on('idempotency')
          .column('expires_at')
          .execute();

        await db.schema
          .createTable('webhook_events')
          .addColumn('svix_id', 'text', (c) => c.primaryKey())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('payload', 'text', (c) => c.notNull())
          .addColumn('received_at', 'bigint', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('stream_events')
          .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('stream_events_owner_id_idx')
          .on('stream_events')
          .columns(['owner', 'id'])
          .execute();

        await db.schema
          .createTable('linked_users')
          .addColumn('owner', 'text', (c) => c.primaryKey())
          .addColumn('dots_user_id', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('rate_limits')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('hits', 'integer', (c) => c.notNull())
          .addColumn('reset_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0002_idempotency_lease': {
      async up(db: Kysely<unknown>) {
        // Pending claims of a dead request can be taken over after their lease.
        await db.schema
          .alterTable('idempotency')
          .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute();
      },
    },
    '0003_retention_indexes': {
      async up(db: Kysely<unknown>) {
        // The retention sweep deletes by age.
        await db.schema
          .createIndex('stream_events_created_idx')
          .on('stream_events')
          .column('created_at')
          .execute();
        await db.schema
          .createIndex('webhook_events_received_idx')
          .on('webhook_events')
          .column('received_at')
          .execute();
      },
    },
    '0004_webhook_outbox': {
      async up(db: Kysely<unknown>) {
        // Stored events are processed (refreshed + published) after the 2xx; these columns
        // let any instance finish the work of one that died, and retry failures later.
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        await db.schema.alterTable('webhook_events').addColumn('processed_at', 'bigint').execute();
        await db.schema
          .alterTable('webhook_events')
          .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .alterTable('webhook_events')
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        // Events stored before this migration were processed by the broker that stored them
        // (or lost with it); re-publishing a week of history at upgrade would flood streams.
        await sql`update webhook_events set processed_at = received_at`.execute(db);
        await db.schema
          .createIndex('webhook_events_due_idx')
          .on('webhook_events')
          .column('lease_until')
          .where(sql.ref('processed_at'), 'is', null)
          .execute();
      },
    },
    '0005_batch_watches': {
      async up(db: Kysely<unknown>) {
        // Batch follow-up used to live in the creating process's timers: a restart lost it.
        await db.schema
          .createTable('batch_watches')
          .addColumn('batch_id', 'text', (c) => c.primaryKey())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('progress', 'text', (c) => c.notNull())
          .addColumn('delay_ms', 'integer', (c) => c.notNull())
          .addColumn('started_at', 'bigint', (c) => c.notNull())
          .addColumn('lease_until', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('batch_watches_due_idx')
          .on('batch_watches')
          .column('lease_until')
          .execute();
      },
    },
    '0006_identity': identityMigration,
    '0007_jobs': jobsMigration,
    '0008_resource_states': resourceStatesMigration,
  };
}

/**
 * Brings the database to the latest schema; safe to run from several processes at once
 * (Kysely's Migrator takes a lock). Throws with the failing migration's name on error.
 */
export async function migrateToLatest(
  db: Kysely<BrokerDatabase>,
  dialect: SqlDialectName,
): Promise<void> {
  if (dialect === 'sqlite') {
    // Kysely's SQLite adapter takes no lock (it assumes one connection), and its deferred
    // BEGIN lets two processes both see "not migrated yet". BEGIN IMMEDIATE takes the
    // write lock first, so a second process waits (busy_timeout) and then sees the result.
    await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        await runMigrator(conn, dialect, true);
        await sql`commit`.execute(conn);
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
  } else {
    await runMigrator(db, dialect, false);
  }
}

async function runMigrator(
  db: Kysely<BrokerDatabase>,
  dialect: SqlDialectName,
  disableTransactions: boolean,
) {
  const migrations = brokerMigrations(dialect);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    disableTransactions,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`[dotskit] store migration ${failed} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
