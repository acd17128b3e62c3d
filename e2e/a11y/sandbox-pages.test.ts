import { type RunningSandbox, startSandbox } from '@dotskit/sandbox';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPage } from './lib/audit';
import { type A11yBrowser, launchBrowser } from './lib/browser';
import {
  currentForm,
  expectErrorsTiedToFields,
  heading,
  submitEmpty,
  submitValid,
} from './lib/flow-walk';
import { keyboardDriver, stop } from './lib/keyboard';
import { sandboxApi, stylesQuery } from './lib/sandbox-api';

// Every screen of the sandbox's hosted pages, in light and dark: each flow step (clean and
// showing its field errors), onboarding, done, saved, redirect, expired, not found, and
// the payout-link claim pages. Reached by filling the forms as a person would.

let sandbox: RunningSandbox;
let api: ReturnType<typeof sandboxApi>;
let browser: A11yBrowser;

beforeAll(async () => {
  sandbox = await startSandbox({ enableControls: true });
  api = sandboxApi(sandbox.url);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

interface TaskLike {
  meta: object;
}

/**
 * Audits the current screen, then (for a form) its error state, fills it and submits, until
 * a screen without a form, or the redirect step. Returns the headings seen.
 */
async function walk(
  task: TaskLike,
  page: Page,
  group: string,
  label: string,
  afterOnboarding?: () => Promise<void>,
): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 12; i++) {
    const step = await currentForm(page);
    const title = await heading(page);
    seen.push(title);
    const name = `${label} › ${title}${step ? ` [${step}]` : ''}`;
    await auditPage(task, page, group, name);
    const stops = await expectFocusVisibleThroughout(page, name);
    // A form's fields and its submit button are all reachable by Tab.
    if (step)
      expect(
        stops.some((s) => s.startsWith('top BUTTON')),
        stops.join(' → '),
      ).toBe(true);
    if (!step || step === 'redirect') return seen;
    await submitEmpty(page);
    await expectErrorsTiedToFields(page);
    await auditPage(task, page, group, `${name} with errors`);
    await submitValid(page, step);
    // After each step the new screen's heading takes focus (announced, and Tab starts there).
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('flow-title');
    if (step === 'onboarding') await afterOnboarding?.();
  }
  throw new Error(`${label}: the flow did not end after 12 screens (${seen.join(' → ')})`);
}

/**
 * Tabs through every control of the screen (from the top) and fails softly on any stop
 * without a visible focus indicator of 3:1 contrast.
 */
async function expectFocusVisibleThroughout(page: Page, name: string): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const kb = keyboardDriver(page);
  const stops: string[] = [];
  for (let i = 0; i < 20; i++) {
    const f = await kb.press('Tab');
    if (f.tag === 'BODY') break;
    stops.push(stop(f));
  }
  // Past the last control focus leaves the page (BODY): that stop is not a control.
  const invisible = kb.invisible.filter((s) => !s.startsWith('top BODY'));
  expect
    .soft(invisible, `${name}: focus visible at every Tab stop (${stops.join(' → ')})`)
    .toEqual([]);
  return stops;
}

for (const theme of ['light', 'dark'] as const) {
  describe(`sandbox hosted pages, ${theme}`, () => {
    const group = `sandbox ${theme}`;
    const qs = stylesQuery(theme);

    it('flow without a user: onboarding, every step, done', async ({ task }) => {
      const page = await browser.context.newPage();
      const flow = await api.createFlow({
        steps: [
          'compliance',
          'id-verification',
          'background-check',
          'manage-payments',
          'manage-payouts',
          'payout',
          { name: 'pdf-form-fill', template_id: 'tmpl_w9' },
        ],
      });
      await page.goto(flow.link + qs);
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
      await page.locator('main form button[type=submit]').hover();
      await auditPage(task, page, group, 'flow › Welcome, submit button hovered', {
        keepPointer: true,
      });
      const seen = await walk(task, page, group, 'flow', async () => {
        // The withdraw step needs money in the new user's wallet.
        const { user_id } = await api.call<{ user_id: string }>('GET', `/api/v2/flows/${flow.id}`);
        await api.fund(user_id, 2_000);
      });
      expect(seen).toEqual([
        'Welcome',
        'Tax information',
        'Verify your identity',
        'Background check',
        'Connect a bank account',
        'Payout method',
        'Withdraw funds',
        'Sign the form',
        'All done',
      ]);
      await page.close();
    });

    it('signed-in flow: saved screen and redirect step', async ({ task }) => {
      const page = await browser.context.newPage();
      const user = await api.createUser();
      const flow = await api.createFlow({
        user_id: user.id,
        steps: [
          { name: 'manage-payouts', hide_continue_button: true },
          { name: 'redirect', redirect_url: 'https://marketplace.example/after' },
        ],
      });
      await page.goto(flow.link + qs);
      const first = await walk(task, page, group, 'signed-in');
      expect(first).toEqual(['Payout method', 'Saved']);
      await page.reload();
      const second = await walk(task, page, group, 'signed-in');
      expect(second).toEqual(['Almost done']);
      await page.close();
    });

    it('payout-link pages (its flow): onboarding, payout, paid, canceled', async ({ task }) => {
      const page = await browser.context.newPage();
      const link = await api.createPayoutLink({ amount: 1_250, memo: 'Logo design, March' });
      // A payout link's `link` is its flow's page, as in Dots.
      expect(new URL(link.link).pathname).toBe(`/flow/${link.flow_id}`);
      await page.goto(link.link + qs);
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
      await page.locator('main form button[type=submit]').hover();
      await auditPage(task, page, group, 'claim flow › Claim your payment, submit button hovered', {
        keepPointer: true,
      });
      const seen = await walk(task, page, group, 'claim flow');
      expect(seen).toEqual(['Claim your payment', 'Withdraw funds', 'All done']);
      await page.goto(link.link + qs);
      await auditPage(task, page, group, `claim › ${await heading(page)}`);
      await page.getByRole('link', { name: 'Go to dashboard' }).click();
      await page.waitForURL(/\/dashboard/);
      expect(await heading(page)).toBe('Your Dots dashboard');
      expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
      await auditPage(task, page, group, `dashboard › ${await heading(page)}`);

      const canceled = await api.createPayoutLink({ amount: 300 });
      await api.cancelPayoutLink(canceled.id);
      await page.goto(canceled.link + qs);
      expect(await heading(page)).toBe('This payment was canceled');
      await auditPage(task, page, group, `claim › ${await heading(page)}`);
      await page.close();
    });

    it('not found and expired pages', async ({ task }) => {
      const page = await browser.context.newPage();
      await page.goto(`${sandbox.url}/flow/does-not-exist${qs}`);
      await auditPage(task, page, group, `flow › ${await heading(page)}`);
      const user = await api.createUser();
      const flow = await api.createFlow({ user_id: user.id, steps: ['compliance'] });
      await api.advanceClock(16 * 60);
      await page.goto(flow.link + qs);
      expect(await heading(page)).toBe('This link has expired');
      await auditPage(task, page, group, `flow › ${await heading(page)}`);
      await page.close();
    });
  });
}
