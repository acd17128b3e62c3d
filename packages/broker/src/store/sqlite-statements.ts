import type Database from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';

/** Prepared statements kept per SQL text; beyond this many, the cache starts over. */
const MAX_STATEMENTS = 256;

/**
 * Runs Kysely-compiled queries synchronously on a better-sqlite3 connection (as Kysely's
 * own SQLite driver does, minus the async hop and the per-call `prepare`): statements that
 * return rows (`SELECT`, `… RETURNING`) resolve with them, others with `[]`. Each SQL text
 * is prepared once.
 */
export function createStatementCache(): (db: Database.Database, query: CompiledQuery) => unknown[] {
  let owner: Database.Database | undefined;
  const statements = new Map<string, Database.Statement>();
  return (db, query) => {
    if (owner !== db) {
      statements.clear();
      owner = db;
    }
    let statement = statements.get(query.sql);
    if (!statement) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statement = db.prepare(query.sql);
      statements.set(query.sql, statement);
    }
    const parameters = query.parameters as unknown[];
    if (statement.reader) return statement.all(parameters);
    statement.run(parameters);
    return [];
  };
}
