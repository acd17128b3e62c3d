// Seeding of the cost-growth benchmark against the broker's real SQLite store (its dist).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexBacked } from './growth-rows.mjs';
import { checkThroughStore, seedFlows, seedLists } from './growth-seed.mjs';
import { loadWorkspace } from './load.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'dotskit-growth-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cost-growth seeding', () => {
  it('interleaves the owner rows, reads them back through the store, one index-backed statement a page', async () => {
    const file = path.join(dir, 'seed.db');
    const { createStoreFromUrl } = await loadWorkspace('@dotskit/broker');
    const store = createStoreFromUrl(`sqlite:${file}`);
    await store.init();
    await store.close();
    seedFlows(file, 500);
    const templates = {
      transfer: { id: '', status: '', amount: 100 },
      payout_link: { id: '', status: '', amount: 1 },
    };
    const own = seedLists(file, { others: 1000, own: 60, owner: 'me', templates });
    expect(own.transfer).toHaveLength(60);
    expect(own.payout_link).toHaveLength(60);
    // Interleaved: the owner's newest and oldest rows are far apart in the timeline.
    const seq = (id) => Number.parseInt(id.split('-').at(-1), 16);
    expect(seq(own.transfer[0]) - seq(own.transfer[59])).toBeGreaterThan(900);

    const pages = await checkThroughStore(file, {
      flows: 500,
      owner: 'me',
      ownIds: own,
      deepAfter: 40,
    });
    expect(Object.keys(pages)).toEqual([
      'transfer first page',
      'transfer deep page',
      'payout_link first page',
      'payout_link deep page',
    ]);
    for (const page of Object.values(pages)) {
      expect(page.executed).toHaveLength(1);
      expect(page.plans.every(indexBacked)).toBe(true);
    }
  });

  it('throws when a deep page does not start where it should', async () => {
    const file = path.join(dir, 'seed-2.db');
    const { createStoreFromUrl } = await loadWorkspace('@dotskit/broker');
    const store = createStoreFromUrl(`sqlite:${file}`);
    await store.init();
    await store.close();
    const templates = { transfer: { id: '' }, payout_link: { id: '' } };
    const own = seedLists(file, { others: 10, own: 30, owner: 'me', templates });
    const wrong = { transfer: [...own.transfer].reverse(), payout_link: own.payout_link };
    await expect(
      checkThroughStore(file, { flows: 0, owner: 'me', ownIds: wrong, deepAfter: 5 }),
    ).rejects.toThrow(/transfer first page/);
  });
});
