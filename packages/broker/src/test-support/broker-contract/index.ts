import { afterAll, beforeAll, describe } from 'vitest';
import { eventCases } from './cases-events';
import { httpCases } from './cases-http';
import { listCases } from './cases-lists';
import type { BrokerContractFactory, BrokerContractTarget } from './target';

export type { BrokerContractFactory, BrokerContractTarget } from './target';

/**
 * The broker's browser-facing HTTP contract, written once and run against every broker
 * that claims it: the real one (Express router and Fetch handler, over the sandbox) and
 * the fake of `@dotskit/react/testing`, so that the fake cannot drift from the broker.
 * Covers routes and status codes, error bodies and codes, creates and idempotency,
 * ownership, lists, the wallet, scopes and the event stream. `factory` is called once;
 * the cases share its target and keep apart by using fresh principals.
 */
export function describeBrokerContract(name: string, factory: BrokerContractFactory): void {
  describe(`broker contract: ${name}`, () => {
    let target: BrokerContractTarget | undefined;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ target, close } = await factory());
    });
    afterAll(() => close?.());
    const get = () => {
      if (!target) throw new Error('broker contract: the target did not start');
      return target;
    };
    describe('requests and answers', () => httpCases(get));
    describe('what a principal sees', () => listCases(get));
    describe('event stream', () => eventCases(get));
  });
}
