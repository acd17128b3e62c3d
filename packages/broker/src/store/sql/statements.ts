import type { Kysely } from 'kysely';
import type { BrokerDatabase } from '../schema';
import { prepared } from './prepared';

/**
 * The statements on the request path (creates, reads, claims, events), each compiled once
 * per store (`prepared`) and shared by the ports and `commitCreate`, so each is written once.
 */
export function createStatements(db: Kysely<BrokerDatabase>) {
  return {
    /**
     * Inserts a pending key, or takes over one whose ttl ended or whose pending lease ran
     * out (`at`: now); a live row is left alone and nothing is returned.
     */
    claimIdempotency: prepared(['key', 'request_hash', 'expires_at', 'lease_until', 'at'], (p) => {
      const fresh = {
        request_hash: p.request_hash,
        state: 'pending' as const,
        status: null,
        response: null,
        expires_at: p.expires_at,
        lease_until: p.lease_until,
      };
      return db
        .insertInto('idempotency')
        .values({ key: p.key, ...fresh })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet(fresh)
            .where((eb) =>
              eb.or([
                eb('idempotency.expires_at', '<=', p.at),
                eb.and([
                  eb('idempotency.state', '=', 'pending'),
                  eb('idempotency.lease_until', '<=', p.at),
                ]),
              ]),
            ),
        )
        .returning('key');
    }),
    /** An idempotency row, to answer a claim that did not win. */
    readIdempotency: prepared(['key'], (p) =>
      db
        .selectFrom('idempotency')
        .select(['request_hash', 'state', 'status', 'response', 'expires_at', 'lease_until'])
        .where('key', '=', p.key),
    ),
    /** Stores a pending key's response (JSON text); a key no longer pending is left alone. */
    completeIdempotency: prepared(['key', 'status', 'response'], (p) =>
      db
        .updateTable('idempotency')
        .set({ state: 'done', status: p.status, response: p.response })
        .where('key', '=', p.key)
        .where('state', '=', 'pending'),
    ),
    /** Records an owner; an existing record of the resource is kept. */
    recordOwner: prepared(['kind', 'id', 'owner', 'relation', 'created_at'], (p) =>
      db
        .insertInto('ownership')
        .values({
          kind: p.kind,
          id: p.id,
          owner: p.owner,
          relation: p.relation,
          created_at: p.created_at,
        })
        .onConflict((oc) => oc.columns(['kind', 'id']).doNothing()),
    ),
    /** Who owns a resource, and how. */
    getOwner: prepared(['kind', 'id'], (p) =>
      db
        .selectFrom('ownership')
        .select(['owner', 'relation'])
        .where('kind', '=', p.kind)
        .where('id', '=', p.id),
    ),
    /** Saves a resource's latest state (JSON text); only its owner's row is updated. */
    saveResourceState: prepared(['kind', 'id', 'owner', 'status', 'data', 'at'], (p) =>
      db
        .insertInto('resource_states')
        .values({
          kind: p.kind,
          id: p.id,
          owner: p.owner,
          status: p.status,
          data: p.data,
          created_at: p.at,
          updated_at: p.at,
        })
        .onConflict((oc) =>
          oc
            .columns(['kind', 'id'])
            .doUpdateSet({ status: p.status, data: p.data, updated_at: p.at })
            .where('resource_states.owner', '=', p.owner),
        ),
    ),
    /** Appends an event (JSON text), returning its row: the default `insertEvent`. */
    insertEvent: prepared(['owner', 'type', 'data', 'created_at'], (p) =>
      db
        .insertInto('stream_events')
        .values({ owner: p.owner, type: p.type, data: p.data, created_at: p.created_at })
        .returning(['id', 'owner', 'type', 'data', 'created_at']),
    ),
    /** Sets a once-marker, returning its key only when it was new. */
    markOnce: prepared(['key', 'created_at'], (p) =>
      db
        .insertInto('once_markers')
        .values({ key: p.key, created_at: p.created_at })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key'),
    ),
    /** The Dots user linked to a principal. */
    getLinkedUser: prepared(['owner'], (p) =>
      db.selectFrom('linked_users').select('dots_user_id').where('owner', '=', p.owner),
    ),
  };
}

/** The prepared statements of one SQL store. */
export type SqlStatements = ReturnType<typeof createStatements>;
