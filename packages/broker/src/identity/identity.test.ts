import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../observe/metrics';
import { createMemoryStore } from '../store/memory-store';
import { createIdentity, type UserLinkConflict, userVouchedByFlow } from './identity';

async function setup() {
  const store = createMemoryStore();
  await store.init();
  const metrics = createMetrics();
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _enc, cb) {
        lines.push(JSON.parse(String(chunk)));
        cb();
      },
    }),
  );
  const linked: Array<[string, string]> = [];
  const conflicts: UserLinkConflict[] = [];
  const identity = createIdentity({
    store,
    logger,
    metrics,
    onUserLinked: (p, id) => {
      linked.push([p.sub, id]);
    },
    onUserLinkConflict: (c) => {
      conflicts.push(c);
    },
  });
  const count = async (outcome: string) =>
    (await metrics.userLinks.get()).values
      .filter((v) => v.labels.outcome === outcome)
      .reduce((n, v) => n + v.value, 0);
  return { store, identity, lines, linked, conflicts, count };
}

describe('identity', () => {
  it('links once, fires onUserLinked once, and refuses to replace a link silently', async () => {
    const t = await setup();
    expect(await t.identity.link('alice', 'u_alice', 'own_flow')).toBe('linked');
    expect(await t.identity.link('alice', 'u_alice', 'own_flow')).toBe('unchanged');
    expect(await t.identity.link('alice', 'u_mallory', 'own_flow')).toBe('conflict');
    expect(await t.store.getLinkedUser('alice')).toBe('u_alice');
    expect(t.linked).toEqual([['alice', 'u_alice']]);
    expect(t.conflicts).toEqual([
      {
        principal: { sub: 'alice', dotsUserId: 'u_alice', scopes: [] },
        currentDotsUserId: 'u_alice',
        proposedDotsUserId: 'u_mallory',
        source: 'own_flow',
      },
    ]);
    expect(await t.count('conflict')).toBe(1);
    const warning = t.lines.find((l) => l.level === 40);
    expect(warning).toMatchObject({
      owner: 'alice',
      currentDotsUserId: 'u_alice',
      proposedDotsUserId: 'u_mallory',
    });
  });

  it('replaces a link only when the host says so', async () => {
    const t = await setup();
    await t.identity.link('bob', 'u_1', 'users.create');
    expect(await t.identity.link('bob', 'u_2', 'host', true)).toBe('replaced');
    expect(await t.store.getLinkedUser('bob')).toBe('u_2');
    expect(t.linked).toEqual([
      ['bob', 'u_1'],
      ['bob', 'u_2'],
    ]);
  });

  it('the principal is who the host says first: a token dotsUserId wins over the stored link', async () => {
    const t = await setup();
    await t.store.linkUser('carol', 'u_stored');
    expect(await t.identity.linkedUser({ sub: 'carol', scopes: [], dotsUserId: 'u_token' })).toBe(
      'u_token',
    );
    expect(await t.identity.linkedUser({ sub: 'carol', scopes: [] })).toBe('u_stored');
  });
});

describe('userVouchedByFlow', () => {
  const flow = { id: 'f1', user_id: 'u1' };
  it('only an owned flow vouches for its user', () => {
    expect(userVouchedByFlow({ owner: 'a', relation: 'owner' }, flow)).toBe('u1');
    expect(userVouchedByFlow({ owner: 'a', relation: 'follower' }, flow)).toBeUndefined();
    expect(userVouchedByFlow(undefined, flow)).toBeUndefined();
  });
  it("never a payout link's flow, even one recorded as owned before relations existed", () => {
    expect(
      userVouchedByFlow({ owner: 'a', relation: 'owner' }, { ...flow, payout_link_id: 'pl_1' }),
    ).toBeUndefined();
  });
  it('no user, no vouching', () => {
    expect(userVouchedByFlow({ owner: 'a', relation: 'owner' }, { id: 'f', user_id: null })).toBe(
      undefined,
    );
  });
});
