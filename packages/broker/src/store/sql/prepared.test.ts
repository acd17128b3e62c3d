import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { BrokerDatabase } from '../schema';
import { prepared } from './prepared';

// Compiling needs a dialect, never a connection.
const dbs = {
  sqlite: new Kysely<BrokerDatabase>({
    dialect: new SqliteDialect({ database: async () => ({}) as never }),
  }),
  postgres: new Kysely<BrokerDatabase>({ dialect: new PostgresDialect({ pool: {} as never }) }),
};

describe('prepared statements', () => {
  for (const [dialect, db] of Object.entries(dbs)) {
    it(`compiles once and fills each call's values, constants kept (${dialect})`, () => {
      const update = (key: string, status: number, response: string) =>
        db
          .updateTable('idempotency')
          .set({ state: 'done', status, response })
          .where('key', '=', key)
          .where('state', '=', 'pending');
      const statement = prepared(['key', 'status', 'response'], (p) =>
        update(p.key, p.status, p.response),
      );
      for (const [key, status, response] of [
        ['k1', 201, '{"id":"f1"}'],
        ['k2', 200, 'null'],
      ] as const) {
        const direct = update(key, status, response).compile();
        const filled = statement({ key, status, response });
        expect(filled.sql).toBe(direct.sql);
        expect(filled.parameters).toEqual(direct.parameters);
      }
    });
  }

  it('fills a value used twice in both places, and refuses a name that reaches no parameter', () => {
    const db = dbs.postgres;
    const owner = prepared(['owner', 'at'], (p) =>
      db
        .insertInto('linked_users')
        .values({ owner: p.owner, dots_user_id: 'u', updated_at: p.at })
        .onConflict((oc) => oc.column('owner').doUpdateSet({ updated_at: p.at })),
    );
    expect(owner({ owner: 'alice', at: 5 }).parameters).toEqual(['alice', 'u', 5, 5]);
    const unused = prepared(['owner', 'ghost'], (p) =>
      db.selectFrom('linked_users').select('owner').where('owner', '=', p.owner),
    );
    expect(() => unused({ owner: 'a', ghost: 1 })).toThrow(/no parameter "ghost"/);
  });
});
