import type { Kysely, Migration } from 'kysely';

/**
 * `resource_states`: the latest state of each owned transfer and payout link, so that a
 * principal's lists are one index-backed query per page on the broker's own records
 * (kept current by creates and webhooks), not a listing of everything at Dots.
 */
export const resourceStatesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('resource_states')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('resource_states_pk', ['kind', 'id'])
      .execute();
    await db.schema
      .createIndex('resource_states_list_idx')
      .on('resource_states')
      .columns(['owner', 'kind', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('resource_states_status_idx')
      .on('resource_states')
      .columns(['owner', 'kind', 'status', 'created_at', 'id'])
      .execute();
  },
};
