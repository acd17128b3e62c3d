// Seeding for the cost-growth benchmark: rows are written straight into a copy of a broker's
// SQLite file (the store's own tables, one transaction), then read back through the store.
// Flows: `ownership` rows. Transfers and payout links: an `ownership` row and a
// `resource_states` row each, as the broker writes them on a create or a webhook.
import { loadWorkspace, requireFrom } from './load.mjs';

/** Principals whose rows fill the tables: 10 resources each, never the measured one. */
const seedOwner = (n) =>
  `seed-user-${Math.floor(n / 10)
    .toString(36)
    .padStart(8, '0')}`;
const seedFlowId = (n) => `flow_seed_${n.toString(36).padStart(8, '0')}`;
/** A UUID-shaped id (Dots' form) per kind and sequence number. */
const seedId = (kind, n) =>
  `00000000-0000-4000-${kind === 'transfer' ? '8001' : '8002'}-${n.toString(16).padStart(12, '0')}`;

function open(file) {
  const Database = requireFrom('@dotskit/broker')('better-sqlite3');
  const db = new Database(file);
  // Seeding only: no fsync per page and a large cache; the broker reopens the file with its
  // own settings.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  return db;
}

/** Adds `count` flow ownership rows of other principals in one transaction. */
export function seedFlows(file, count) {
  const db = open(file);
  try {
    const insert = db.prepare(
      'INSERT INTO ownership (kind, id, owner, created_at) VALUES (?, ?, ?, ?)',
    );
    const now = Date.now();
    db.transaction(() => {
      for (let n = 0; n < count; n++)
        insert.run('flow', seedFlowId(n), seedOwner(n), now - (count - n));
    })();
  } finally {
    db.close();
  }
}

const TRANSFER_STATUSES = ['completed', 'completed', 'completed', 'pending', 'failed'];
const LINK_STATUSES = ['paid_out', 'paid_out', 'claimed', 'active', 'cancelled'];

/**
 * Adds, per kind (transfer, payout link), `others` rows of other principals and `own` rows
 * of `owner`, spread evenly through one timeline (the owner's rows are interleaved with
 * everyone else's, as on a live marketplace, so a page's rows are not neighbours on disk).
 * `templates.transfer` / `templates.payout_link` are resource JSON objects whose id and
 * status are replaced per row. Returns the owner's ids per kind, newest first.
 */
export function seedLists(file, { others, own, owner, templates }) {
  const db = open(file);
  const ownIds = { transfer: [], payout_link: [] };
  try {
    const state = db.prepare(
      'INSERT INTO resource_states (kind, id, owner, status, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const owned = db.prepare(
      'INSERT INTO ownership (kind, id, owner, created_at) VALUES (?, ?, ?, ?)',
    );
    const total = others + own;
    const start = Date.now() - 2 * total;
    db.transaction(() => {
      for (const kind of ['transfer', 'payout_link']) {
        const statuses = kind === 'transfer' ? TRANSFER_STATUSES : LINK_STATUSES;
        const template = JSON.stringify({
          ...templates[kind],
          id: '__SEED_ID__',
          status: '__SEED_STATUS__',
        });
        let nextOwn = 0;
        let seenOthers = 0;
        for (let n = 0; n < total; n++) {
          // The k-th own row sits at position ⌊(k + ½)·total / own⌋.
          const mine = nextOwn < own && n === Math.floor(((nextOwn + 0.5) * total) / own);
          const who = mine ? owner : seedOwner(seenOthers++);
          if (mine) nextOwn++;
          const id = seedId(kind, n);
          const status = statuses[n % statuses.length];
          const data = template
            .replace('"__SEED_ID__"', `"${id}"`)
            .replace('"__SEED_STATUS__"', `"${status}"`);
          const at = start + 2 * n;
          state.run(kind, id, who, status, data, at, at);
          owned.run(kind, id, who, at);
          if (mine) ownIds[kind].push(id);
        }
        if (nextOwn !== own) throw new Error(`placed ${nextOwn} of ${own} own ${kind} rows`);
      }
    })();
  } finally {
    db.close();
  }
  return { transfer: ownIds.transfer.reverse(), payout_link: ownIds.payout_link.reverse() };
}

/** The broker's store for `databaseUrl` (from its dist), opened and migrated. */
async function openStore(databaseUrl) {
  const broker = await loadWorkspace('@dotskit/broker');
  const make = broker.createStoreFromUrl ?? broker.openStore;
  if (!make) throw new Error('@dotskit/broker exports neither createStoreFromUrl nor openStore');
  const store = make(databaseUrl);
  await store.init();
  return store;
}

/**
 * Runs `fn` while recording every statement better-sqlite3 executes in this process (SQL
 * and parameters): the store's queries for one page, as the broker runs them.
 */
async function recordingStatements(fn) {
  const Database = requireFrom('@dotskit/broker')('better-sqlite3');
  const executed = [];
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function recorded(text, ...rest) {
    const stmt = prepare.call(this, text, ...rest);
    for (const method of ['all', 'get', 'run', 'iterate']) {
      const original = stmt[method];
      stmt[method] = (...args) => {
        executed.push({ sql: text, params: args.flat() });
        return original.apply(stmt, args);
      };
    }
    return stmt;
  };
  try {
    return { result: await fn(), executed };
  } finally {
    Database.prototype.prepare = prepare;
  }
}

/**
 * Reads seeded rows back through the broker's own store: the last flow's owner, and the
 * owner's first and deep list pages (ids as seeded; the deep page starts after the owner's
 * `deepAfter`-th newest). For each page, resolves the statements the store executed and
 * SQLite's EXPLAIN QUERY PLAN of each: `{ '<kind> first page': { executed, plans } , … }`.
 */
export async function checkThroughStore(file, { flows, owner, ownIds, deepAfter }) {
  const store = await openStore(`sqlite:${file}`);
  const pages = {};
  try {
    if (flows > 0) {
      const got = await store.getOwner('flow', seedFlowId(flows - 1));
      const who = typeof got === 'string' ? got : got?.owner;
      if (who !== seedOwner(flows - 1)) {
        throw new Error(`seeded flows are not visible through the store (owner ${who})`);
      }
    }
    for (const kind of ['transfer', 'payout_link']) {
      for (const [name, page, from] of [
        ['first page', { limit: 20 }, 0],
        ['deep page', { limit: 20, startingAfter: ownIds[kind][deepAfter - 1] }, deepAfter],
      ]) {
        const { result, executed } = await recordingStatements(() =>
          store.listResourceStates(kind, owner, page),
        );
        const want = ownIds[kind].slice(from, from + 20);
        if (JSON.stringify(result.items.map((x) => x.id)) !== JSON.stringify(want)) {
          throw new Error(`${kind} ${name} read through the store is not the seeded one`);
        }
        pages[`${kind} ${name}`] = { executed };
      }
    }
  } finally {
    await store.close();
  }
  const Database = requireFrom('@dotskit/broker')('better-sqlite3');
  const db = new Database(file, { readonly: true });
  try {
    for (const p of Object.values(pages)) {
      p.plans = p.executed.map(({ sql, params }) =>
        db
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all(params)
          .map((r) => r.detail),
      );
    }
  } finally {
    db.close();
  }
  return pages;
}
