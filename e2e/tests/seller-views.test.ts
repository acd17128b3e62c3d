import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { logged, onboard, SELLERS, screenshot, signIn } from '../lib/demo';
import { useScenario } from '../lib/scenario';

/** Calls the demo's broker (`/dots`) as the seller signed in on `page`. */
async function asSeller(page: Page, url: string, path: string) {
  const session = await page.request.get(`${url}/api/session`);
  const { token } = (await session.json()) as { token: string };
  const res = await page.request.get(`${url}/dots${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status(), body: await res.json() };
}

/** The ids of the rows of one PayoutHistory list on the page. */
const rowIds = (page: Page, kind: 'transfers' | 'payout-links') =>
  page
    .locator(`.dots-history-list[data-kind="${kind}"] tr[data-id]`)
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''));

describe("scenario: the seller's own history and wallet, live (issue 19)", () => {
  // Two browsers: two cookie jars, two signed-in sellers at once.
  const s = useScenario('alice', 'bob');
  let a: Page;
  let b: Page;

  beforeAll(async () => {
    a = await s.alice.newPage();
    b = await s.bob.newPage();
    await signIn(a, s.stack.url, 'Alice');
    await onboard(a, SELLERS.alice);
    await signIn(b, s.stack.url, 'Bob');
    await onboard(b, SELLERS.bob);
  });

  it('the host funds Alice, her balance updates live, she withdraws, the payout completes in her history', async () => {
    await a.goto(`${s.stack.url}/#/wallet`);
    const balance = a.locator('.dots-wallet [data-amount="balance"]');
    await expect.poll(() => balance.textContent()).toBe('$0.00');
    // Live means without a reload: this mark would be gone after one.
    await a.evaluate(() => Object.assign(window, { __sameDocument: true }));

    await a.getByRole('button', { name: 'Fund my wallet with $25.00' }).click();
    await expect.poll(() => balance.textContent()).toBe('$25.00');
    await expect
      .poll(() => a.locator('.dots-wallet [data-amount="withdrawable"]').textContent())
      .toBe('$25.00');
    // Said once by the polite live region.
    await expect
      .poll(() => a.locator('.dots-wallet [aria-live="polite"]').textContent())
      .toBe('Balance: $25.00. Available to withdraw: $25.00');

    await a.getByRole('button', { name: 'Withdraw', exact: true }).click();
    const dialog = a.getByRole('dialog', { name: 'Withdraw funds' });
    await dialog.waitFor();
    await a
      .frameLocator('iframe[title="Withdraw funds"]')
      .getByRole('button', { name: 'Withdraw' })
      .click();
    await dialog.locator('.dots-flow[data-state="complete"]').waitFor();
    await expect.poll(() => logged(a, 'WalletBalance.onWithdrawn').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => balance.textContent()).toBe('$0.00');
    expect(await a.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(
      true,
    );
    await screenshot(a, '9-seller-wallet-after-withdrawal');

    await a.goto(`${s.stack.url}/#/payouts`);
    const transfers = a.locator('.dots-history-list[data-kind="transfers"]');
    const payout = transfers.locator('tr[data-id]', { hasText: 'Payout' });
    const received = transfers.locator('tr[data-id]', { hasText: 'Received' });
    await expect.poll(() => payout.getAttribute('data-state')).toBe('completed');
    await expect.poll(() => received.getAttribute('data-state')).toBe('completed');
    expect(await payout.locator('td').nth(2).textContent()).toBe('$25.00');
    expect(await received.locator('td').nth(2).textContent()).toBe('$25.00');
    // Newest first: the withdrawal above the funding.
    expect(await rowIds(a, 'transfers')).toEqual([
      await payout.getAttribute('data-id'),
      await received.getAttribute('data-id'),
    ]);
    expect(s.alice.problems).toEqual([]);
    await screenshot(a, '10-seller-history');
  });

  it("Bob's history and wallet never show Alice's", async () => {
    const aliceTransfers = (await asSeller(a, s.stack.url, '/transfers')).body as {
      data: { id: string }[];
    };
    const aliceIds = aliceTransfers.data.map((t) => t.id);
    expect(aliceIds.length).toBeGreaterThan(0); // the first test checks which ones
    const aliceWallet = (await asSeller(a, s.stack.url, '/wallet')).body as { user_id: string };

    // API: Bob's lists and wallet are his own.
    const bobTransfers = await asSeller(b, s.stack.url, '/transfers');
    expect(bobTransfers.status).toBe(200);
    expect(bobTransfers.body).toEqual({ data: [], has_more: false });
    expect((await asSeller(b, s.stack.url, '/payout-links')).body).toEqual({
      data: [],
      has_more: false,
    });
    const bobWallet = await asSeller(b, s.stack.url, '/wallet');
    expect(bobWallet.status).toBe(200);
    expect(bobWallet.body.user_id).not.toBe(aliceWallet.user_id);
    expect(bobWallet.body.amount).toBe(0);
    for (const id of aliceIds) {
      expect((await asSeller(b, s.stack.url, `/transfers/${id}`)).status).toBe(404);
      // Alice's id as Bob's cursor: an empty last page (as for an unknown id).
      const after = await asSeller(b, s.stack.url, `/transfers?starting_after=${id}`);
      expect([after.status, after.body]).toEqual([200, { data: [], has_more: false }]);
    }

    // UI: Bob's pages.
    await b.goto(`${s.stack.url}/#/payouts`);
    await b.getByText('No transfers yet.').waitFor();
    await b.getByText('No payout links yet.').waitFor();
    await b.goto(`${s.stack.url}/#/wallet`);
    await expect
      .poll(() => b.locator('.dots-wallet [data-amount="balance"]').textContent())
      .toBe('$0.00');
    const html = await b.content();
    for (const id of [...aliceIds, aliceWallet.user_id]) expect(html).not.toContain(id);
    expect(await b.getByText('$25.00', { exact: true }).count()).toBe(0);
    expect(s.bob.problems).toEqual([]);
  });
});
