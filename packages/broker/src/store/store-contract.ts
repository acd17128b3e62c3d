import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCommitCases } from './contract/create-commit';
import { eventLogCases } from './contract/event-log';
import { idempotencyCases } from './contract/idempotency';
import { identityLinkCases } from './contract/identity-links';
import { jobCases } from './contract/jobs';
import { ownershipCases } from './contract/ownership';
import { rateLimitCases } from './contract/rate-limits';
import { resourceStateCases } from './contract/resource-states';
import type { BrokerStore } from './ports';
import { createFakeClock, type FakeClock } from './test-support/fake-clock';

/** What each contract case works on: a fresh initialised store and its clock. */
export interface StoreContractContext {
  store: BrokerStore;
  clock: FakeClock;
}

/** Makes a fresh, empty, not yet initialised store driven by `clock`. */
export type StoreContractFactory = (clock: FakeClock) => Promise<BrokerStore>;

/**
 * The behaviour every `BrokerStore` must have, one suite per port (`contract/`). Each test gets a fresh store from `factory`
 * (called after a fresh fake clock is made), calls `init()` and closes it afterwards.
 */
export function describeStoreContract(name: string, factory: StoreContractFactory): void {
  describe(`${name} store contract`, () => {
    let clock: FakeClock;
    let store: BrokerStore;

    beforeEach(async () => {
      clock = createFakeClock();
      store = await factory(clock);
      await store.init();
    });
    afterEach(async () => {
      await store.close();
    });

    // ---------------------------------------------------------------- lifecycle
    it('initialises idempotently and answers ping', async () => {
      await store.init();
      await expect(store.ping()).resolves.toBeUndefined();
      expect(['memory', 'sqlite', 'postgres']).toContain(store.kind);
    });

    it('rejects calls after close, and close can be called twice', async () => {
      await store.close();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
      await expect(store.getOwner('flow', 'f1')).rejects.toThrow();
    });

    const get = () => ({ store, clock });
    describe('ownership port', () => ownershipCases(get));
    describe('idempotency port', () => idempotencyCases(get));
    describe('event-log port', () => eventLogCases(get));
    describe('identity-links port', () => identityLinkCases(get));
    describe('jobs port', () => jobCases(get));
    describe('rate-limit port', () => rateLimitCases(get));
    describe('resource-state port', () => resourceStateCases(get));
    describe('create port', () => createCommitCases(get));
  });
}
