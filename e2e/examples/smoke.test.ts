import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eBrowser, launchBrowser } from '../lib/browser';
import {
  fillCompliance,
  fillOnboarding,
  SELLERS,
  saveManagePayouts,
  screenshot,
} from '../lib/demo';

/**
 * What every example app (apps/example-*) must do in a real browser, installed from the
 * tarballs. The page contract: a `DotsFlow` titled "Seller onboarding" with
 * `[data-testid=onboarding-complete]` (`data-count` = onComplete calls) once it completes;
 * `DotsProvider flowOrigins` listing the sandbox's origin (its flow pages are on loopback);
 * a `PayoutLinkButton` "Get paid $25.00" in modal mode; the link's `PayoutStatus` in
 * `[data-testid=payout-link-status]` and, after onPaidOut, the transfer's in
 * `[data-testid=transfer-status]`. The host's `POST /api/token` answers `{ token }` for the
 * page's session, and the broker is mounted at `/dots`.
 */
const url = process.env.DOTSKIT_EXAMPLE_URL;
const name = process.env.DOTSKIT_EXAMPLE_NAME ?? 'example';

describe.skipIf(!url)(`${name}: onboarding and a payout link from the packed packages`, () => {
  let browser: E2eBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('completes onboarding once, claims a payout link in the modal, shows it paid out', async () => {
    const page = await browser.newPage();
    await page.goto(url!);
    const flow = page.frameLocator('iframe[title="Seller onboarding"]');
    await fillOnboarding(flow, SELLERS.ada);
    await fillCompliance(flow);
    await saveManagePayouts(flow);
    const complete = page.getByTestId('onboarding-complete');
    await expect.poll(() => complete.getAttribute('data-count')).toBe('1');

    await page.getByRole('button', { name: 'Get paid $25.00' }).click();
    const dialog = page.getByRole('dialog', { name: 'Claim your payout' });
    await dialog.waitFor();
    // The link is its flow's page (as at Dots): the modal opens straight on that flow.
    const claim = page.frameLocator('iframe[title="Claim your payout"]');
    await claim.getByRole('heading', { name: 'Claim your payment' }).waitFor();
    // The seller is onboarded: the link's flow may still ask for steps it lacks.
    const getPaid = claim.getByRole('button', { name: 'Get paid' });
    const signIn = claim.getByLabel('First name');
    const compliance = claim.getByLabel('SSN or EIN');
    await getPaid.or(signIn).or(compliance).first().waitFor();
    if (await signIn.isVisible()) {
      await fillOnboarding(claim, SELLERS.ada);
      await getPaid.or(compliance).first().waitFor();
    }
    if (await compliance.isVisible()) await fillCompliance(claim);
    await getPaid.click();
    await claim.getByRole('heading', { name: 'All done' }).waitFor();

    const linkStatus = page.getByTestId('payout-link-status').locator('[data-state]').first();
    // A payout link's status follows it to its transfer and ends at "Paid out".
    await expect.poll(() => linkStatus.getAttribute('data-state')).toBe('paid_out');
    const transferStatus = page.getByTestId('transfer-status').locator('[data-state]').first();
    await expect.poll(() => transferStatus.getAttribute('data-state')).toBe('completed');
    await screenshot(page, `${name}-claimed-in-modal`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, `${name}-paid-out`);

    // Every channel (message, SSE, polling) has long reported the completion by now.
    expect(await complete.getAttribute('data-count')).toBe('1');
    expect(browser.problems).toEqual([]);
  });

  it("streams the broker's events live through the host (not buffered)", async () => {
    const page = await browser.newPage();
    await page.goto(url!);
    // In the page, as the widgets do: open the stream, then create a payout link; its
    // event must arrive while the stream is open (a buffering host delivers nothing).
    const seen = await page.evaluate(async () => {
      const { token } = (await (await fetch('/api/token', { method: 'POST' })).json()) as {
        token: string;
      };
      const authorization = `Bearer ${token}`;
      const abort = new AbortController();
      const stream = await fetch('/dots/events', {
        headers: { authorization },
        signal: abort.signal,
      });
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      const timeout = setTimeout(() => abort.abort(), 10_000);
      let text = (await reader.read()).value ?? ''; // the stream's opening lines
      const created = await fetch('/dots/payout-links', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 100 }),
      });
      const { id } = (await created.json()) as { id: string };
      try {
        while (!text.includes(`"id":"${id}"`)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += value;
        }
      } catch {
        // aborted after 10 s: the event did not arrive
      }
      clearTimeout(timeout);
      abort.abort();
      return {
        type: stream.headers.get('content-type'),
        created: created.status,
        event: text.includes(`"id":"${id}"`) && text.includes('event: payout_link.updated'),
      };
    });
    expect(seen).toEqual({ type: 'text/event-stream; charset=utf-8', created: 201, event: true });
    expect(browser.problems).toEqual([]);
  });
});
