import type { Migration } from 'kysely';
import { type Kysely, sql } from 'kysely';

/**
 * Explicit identity: ownership rows say how the principal relates to the resource, and
 * once-markers get a table of their own (they rode on idempotency rows with a 10-year TTL).
 * Rows from before the migration are presumed `owner`; a claim flow recorded then is still
 * kept from linking identity by the flow's own `payout_link_id` (see the identity module).
 */
export const identityMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('ownership')
      .addColumn('relation', 'text', (c) => c.notNull().defaultTo('owner'))
      .execute();
    await db.schema
      .createTable('once_markers')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into once_markers (key, created_at)
      select substr(key, 6), expires_at from idempotency where key like 'once:%'`.execute(db);
    await sql`delete from idempotency where key like 'once:%'`.execute(db);
  },
};
