import { describe, expect, it } from 'vitest';
import { signIn } from '../lib/demo';
import { useScenario } from '../lib/scenario';

// The flow frame fits its page when the page loads (no blank area: the frame is small while
// the page measures itself), and when the page grows without saying so (a validation
// message; Dots sends {height} only on load) the page scrolls inside the frame: nothing is
// cut off for good.
/** In a framed page: its scroll metrics and the blank space below its last element. */
function measure() {
  const s = document.scrollingElement!;
  const bottom = Math.max(
    ...[...document.body.children]
      .filter((e) => e.tagName !== 'SCRIPT')
      .map((e) => e.getBoundingClientRect().bottom + s.scrollTop),
  );
  return { content: s.scrollHeight, view: s.clientHeight, blank: s.clientHeight - bottom };
}
/** Margins below the last element, in px: more than this is a blank area. */
const BLANK = 80;

describe('flow frame height (Chromium, demo + sandbox)', () => {
  const s = useScenario('browser');

  it('fits the first page, then scrolls to a Continue pushed down by errors', async () => {
    const page = await s.browser.newPage();
    await signIn(page, s.stack.url, 'Alice');
    await page.locator('.dots-flow[data-state="ready"]').waitFor();
    const flowPage = () => page.frames().find((f) => f.url().includes('/flow/'))!;
    const metrics = () => flowPage().evaluate(measure);
    // No blank area under the page's content, nothing hidden either.
    await expect.poll(async () => (await metrics()).blank).toBeLessThan(BLANK);
    expect((await metrics()).content).toBe((await metrics()).view);

    const frame = page.frameLocator('.dots-flow-frame');
    await frame.getByRole('button', { name: 'Continue' }).click();
    await frame.getByText('Enter your email address').waitFor();
    const grown = await metrics();
    expect(grown.content).toBeGreaterThan(grown.view);
    // Scrollable inside the frame: the end of the page, with Continue, can be reached.
    const scrolled = await flowPage().evaluate(() => {
      const s = document.scrollingElement!;
      s.scrollTop = s.scrollHeight;
      return s.scrollTop + s.clientHeight;
    });
    expect(scrolled).toBe(grown.content);
    await expect
      .poll(() =>
        frame.getByRole('button', { name: 'Continue' }).evaluate((b) => {
          const r = b.getBoundingClientRect();
          return r.bottom <= window.innerHeight && r.top >= 0;
        }),
      )
      .toBe(true);
    // The 400 answering the empty form is the point of the test; nothing else went wrong.
    expect(s.browser.problems.filter((p) => !/status of 400 .*\/onboarding\?/.test(p))).toEqual([]);
  });

  it('the payout modal fits its flow page (no fixed height with blank space)', async () => {
    const page = await s.browser.newPage();
    await signIn(page, s.stack.url, 'Bob', 'get-paid');
    await page.getByRole('button', { name: 'Get paid $25.00' }).click();
    const frame = page.frameLocator('iframe[title="Claim your payout"]');
    // A payout link's `link` is its flow's page, as at Dots.
    await frame.getByRole('heading', { name: 'Claim your payment' }).waitFor();
    const claim = () => page.frames().find((f) => f.url().includes('/flow/'))!;
    await expect.poll(async () => (await claim().evaluate(measure)).blank).toBeLessThan(BLANK);
    const m = await claim().evaluate(measure);
    expect(m.content).toBe(m.view);
  });
});
