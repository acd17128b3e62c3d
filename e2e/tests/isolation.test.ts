import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from '../lib/demo';
import { useScenario } from '../lib/scenario';

/** The broker token the demo server signs for whoever is signed in on `page`. */
async function tokenOf(page: Page, url: string): Promise<string> {
  const response = await page.request.get(`${url}/api/session`);
  return ((await response.json()) as { token: string }).token;
}

describe("scenario: seller B cannot see seller A's payouts", () => {
  // Two browsers: two cookie jars, two signed-in sellers at once.
  const s = useScenario('alice', 'bob');
  it('answers 404 to B through the broker and shows B nothing of A', async () => {
    const a = await s.alice.newPage();
    await signIn(a, s.stack.url, 'Alice', 'get-paid');
    await a.getByRole('button', { name: 'Get paid $25.00' }).click();
    const dialog = a.getByRole('dialog', { name: 'Claim your payout' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await a.goto(`${s.stack.url}/#/payouts`);
    // Alice's history (the broker's GET /payout-links): her new link, live.
    const row = a.locator('.dots-history-list[data-kind="payout-links"] tr[data-id]');
    await row.waitFor();
    const linkId = await row.getAttribute('data-id');
    expect(linkId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await row.locator('td').nth(2).textContent()).toBe('$25.00');

    const b = await s.bob.newPage();
    await signIn(b, s.stack.url, 'Bob', 'payouts');

    // API: the owner reads it, the other seller gets 404 (not 403: no existence leak).
    const asAlice = await a.request.get(`${s.stack.url}/dots/payout-links/${linkId}`, {
      headers: { authorization: `Bearer ${await tokenOf(a, s.stack.url)}` },
    });
    expect(asAlice.status()).toBe(200);
    const asBob = await b.request.get(`${s.stack.url}/dots/payout-links/${linkId}`, {
      headers: { authorization: `Bearer ${await tokenOf(b, s.stack.url)}` },
    });
    expect(asBob.status()).toBe(404);
    expect(JSON.stringify(await asBob.json())).not.toContain(String(linkId));

    // UI: Bob's history is empty, and looking Alice's link up by id shows an error.
    await b.getByText('No payout links yet.').waitFor();
    await b.getByText('No transfers yet.').waitFor();
    await b.getByLabel('Id').fill(String(linkId));
    await b.getByRole('button', { name: 'Look up' }).click();
    const lookup = b.getByTestId('lookup-result').locator('.dots-status');
    await expect.poll(() => lookup.getAttribute('data-state')).toBe('error');
    expect(await b.getByText('$25.00').count()).toBe(0);
    // The one expected failure on Bob's side is that 404.
    expect(
      s.bob.problems.filter((p) => !/status of 404/.test(p)),
      s.bob.problems.join('\n'),
    ).toEqual([]);
    expect(s.alice.problems).toEqual([]);
    // Alice's history, in the dark appearance (the theme reaches our UI and the flows).
    await a.getByRole('button', { name: 'Dark theme' }).click();
    await a.locator('html[data-theme="dark"]').waitFor();
    await screenshot(a, '2-isolation-seller-a-history-dark');
    await screenshot(b, '2-isolation-seller-b-lookup-404');
  });
});
