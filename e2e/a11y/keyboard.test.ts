import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONBOARDING_FRAME, signIn } from '../lib/demo';
import { type Stack, startStack } from '../lib/stack';
import { type A11yBrowser, launchBrowser } from './lib/browser';
import { type FocusInfo, field, focusInfo, keyboardDriver, named, stop } from './lib/keyboard';
import { liveChanges, recordLiveRegions } from './lib/live-regions';

// A seller uses only the keyboard (Tab, Shift+Tab, Enter, Space, Escape, and typing into
// fields) in the demo marketplace: onboarding inside the embedded flow iframe, then claiming
// a payout link in the modal. Signing in to the demo itself (the host's own page) is set-up.

let stack: Stack;
let browser: A11yBrowser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The frame showing the sandbox's hosted page inside `iframeSelector`. */
async function flowFrame(page: Page, iframeSelector: string): Promise<Frame> {
  const handle = await page.waitForSelector(iframeSelector);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${iframeSelector} has no frame`);
  return frame;
}

/** Waits for the hosted page to show `title` and for focus to be on that heading. */
async function expectScreen(frame: Frame, title: string) {
  await frame.waitForFunction(
    (t) => document.getElementById('flow-title')?.textContent?.trim() === t,
    title,
  );
  await expect
    .poll(() => frame.evaluate(() => document.activeElement?.id), {
      message: `focus moves to the "${title}" heading`,
    })
    .toBe('flow-title');
}

const isField = field;
const submitButton = (label: string) => (f: FocusInfo) =>
  f.where !== 'top' && f.tag === 'BUTTON' && f.label === label;

/** Types into the focused field, replacing what is there (Tab into a field selects it). */
async function typeHere(page: Page, text: string) {
  await page.keyboard.type(text);
}

describe('keyboard only', () => {
  it('a seller onboards inside the embedded flow', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, stack.url, 'Alice');
    // The iframe's accessible name is the host's meaningful title, not a default.
    const iframe = page.locator('.dots-flow iframe');
    await iframe.waitFor();
    expect(await iframe.getAttribute('title')).toBe('Seller onboarding');
    const frame = await flowFrame(page, ONBOARDING_FRAME);
    await frame.waitForSelector('#f-first_name');
    // Start from the top of the host page, as a keyboard user arriving there would.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const kb = keyboardDriver(page);

    await kb.tabTo(isField('f-first_name'), 'First name', { max: 40 });
    await typeHere(page, 'Alice');
    await kb.tabTo(isField('f-last_name'), 'Last name');
    await typeHere(page, 'Moreau');
    await kb.tabTo(isField('f-email'), 'Email');
    await typeHere(page, 'alice.kb@example.com');
    await kb.tabTo(isField('f-phone_number'), 'Phone number');
    await typeHere(page, '4155550111');
    // Back one field with Shift+Tab and forward again: order is the visual order.
    const back = await kb.press('Shift+Tab');
    expect(back.id).toBe('f-country_code');
    await kb.tabTo(submitButton('Continue'), 'Continue');
    await page.keyboard.press('Enter');

    await expectScreen(frame, 'Tax information');
    await kb.tabTo(isField('f-tax_id'), 'SSN or EIN');
    await typeHere(page, '123456789');
    await kb.tabTo(isField('f-date_of_birth'), 'Date of birth');
    // Chromium's date field takes month, day and year as typed digits.
    await typeHere(page, '04121990');
    expect(await frame.inputValue('#f-date_of_birth')).toBe('1990-04-12');
    await kb.tabTo(isField('f-address'), 'Street address');
    await typeHere(page, '1 Market St');
    await kb.tabTo(isField('f-postal_code'), 'ZIP / postal code');
    await typeHere(page, '94105');
    await kb.tabTo(submitButton('Continue'), 'Continue');
    await page.keyboard.press('Space');

    await expectScreen(frame, 'Payout method');
    // PayPal is chosen and its email prefilled; Enter on the focused button saves.
    await kb.tabTo(submitButton('Save'), 'Save');
    await page.keyboard.press('Enter');

    await page.getByTestId('onboarding-complete').waitFor();
    expect(kb.invisible, 'every focus stop shows a visible focus indicator').toEqual([]);
    await page.close();
  });

  it('a payee claims a payout link in the modal; focus is trapped and returns', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    await recordLiveRegions(page);
    await signIn(page, stack.url, 'Bob', 'get-paid');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const kb = keyboardDriver(page);

    const opener = await kb.tabTo(named('BUTTON', 'Get paid $25.00'), 'Get paid $25.00', {
      max: 40,
    });
    expect(opener.where).toBe('top');
    await page.keyboard.press('Enter');

    // The dialog: modal, labelled by its visible title, focus inside it.
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    const labelledBy = await dialog.getAttribute('aria-labelledby');
    expect(labelledBy).toBeTruthy();
    expect(
      await page.evaluate((id) => document.getElementById(id)?.textContent?.trim(), labelledBy!),
    ).toBe('Claim your payout');
    const iframeTitle = await dialog.locator('iframe').getAttribute('title');
    expect(iframeTitle).toBe('Claim your payout');
    expect((await focusInfo(page)).inDialog, 'focus moved into the dialog').toBe(true);

    // The payout link's `link` is its flow's page: the modal opens straight on onboarding.
    const frame = await flowFrame(page, '[role="dialog"] iframe');
    expect(new URL(frame.url()).pathname).toMatch(/^\/flow\//);
    await frame.waitForSelector('#f-first_name');

    // Focus never leaves the dialog: two full rounds forward, then backward.
    for (const key of ['Tab', 'Shift+Tab'] as const) {
      const stops: string[] = [];
      for (let i = 0; i < 8; i++) {
        const f = await kb.press(key);
        stops.push(stop(f));
        expect(
          f.inDialog || f.where !== 'top',
          `${key} #${i + 1} stays in the dialog: ${stop(f)}`,
        ).toBe(true);
      }
      console.info(`[a11y] ${key} round in the dialog: ${stops.join(' → ')}`);
      expect(
        stops.some((s) => s.includes('"Close"')),
        `${key} reaches Close: ${stops.join(' → ')}`,
      ).toBe(true);
      expect(
        stops.some((s) => s.includes('#f-first_name')),
        `${key} reaches the First name field: ${stops.join(' → ')}`,
      ).toBe(true);
    }

    await kb.tabTo(isField('f-first_name'), 'First name');
    await typeHere(page, 'Bob');
    await kb.tabTo(isField('f-last_name'), 'Last name');
    await typeHere(page, 'Okafor');
    await kb.tabTo(isField('f-email'), 'Email');
    await typeHere(page, 'bob.kb@example.com');
    await kb.tabTo(isField('f-phone_number'), 'Phone number');
    await typeHere(page, '4155550112');
    // Enter in a text field submits its form.
    await page.keyboard.press('Enter');

    await frame.waitForFunction(() => {
      const t = document.getElementById('flow-title')?.textContent?.trim();
      return t === 'Withdraw funds' || t === 'Tax information';
    });
    if ((await frame.textContent('#flow-title'))?.trim() === 'Tax information') {
      await kb.tabTo(isField('f-tax_id'), 'SSN or EIN');
      await typeHere(page, '123456789');
      await kb.tabTo(isField('f-date_of_birth'), 'Date of birth');
      await typeHere(page, '04121990');
      await kb.tabTo(isField('f-address'), 'Street address');
      await typeHere(page, '1 Market St');
      await kb.tabTo(isField('f-postal_code'), 'ZIP / postal code');
      await typeHere(page, '94105');
      await page.keyboard.press('Enter');
    }
    await expectScreen(frame, 'Withdraw funds');
    await kb.tabTo(submitButton('Get paid'), 'Get paid');
    await page.keyboard.press('Space');
    await expectScreen(frame, 'All done');

    // Escape pressed while focus is inside the (cross-origin) flow page: recorded, see below.
    await page.keyboard.press('Escape');
    const closedFromFrame = (await dialog.count()) === 0;
    if (!closedFromFrame) {
      // Tab back out of the frame to the dialog's own controls, then Escape.
      await kb.tabTo((f) => f.where === 'top' && f.inDialog, 'the dialog header', {
        shift: true,
        max: 10,
      });
      await page.keyboard.press('Escape');
    }
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    const back = await focusInfo(page);
    expect(stop(back), 'focus returns to the button that opened the modal').toBe(stop(opener));
    console.info(
      `[a11y] Escape inside the flow iframe ${closedFromFrame ? 'closed' : 'did not close'} the modal`,
    );

    // The payout link's status is announced politely, once per change.
    const status = page.locator('[data-payout-link] > .dots-status').first();
    // A link is followed to its transfer: its status ends at paid out.
    await expect
      .poll(() => status.getAttribute('data-state'), { timeout: 20_000 })
      .toBe('paid_out');
    const changes = await liveChanges(page);
    const statusChanges = changes.filter((c) => c.politeness === 'polite');
    const perRegion = new Map<number, string[]>();
    for (const c of statusChanges)
      perRegion.set(c.region, [...(perRegion.get(c.region) ?? []), c.text]);
    console.info(`[a11y] live-region announcements: ${JSON.stringify(changes)}`);
    // The link's status region existed before the claim, so its change must be announced.
    expect(statusChanges.map((c) => c.text)).toContain('Payout status: Paid out');
    expect(perRegion.size, `live changes: ${JSON.stringify(changes)}`).toBeGreaterThan(0);
    for (const [region, texts] of perRegion) {
      expect(
        new Set(texts).size,
        `region ${region} announced each text once: ${texts.join(' | ')}`,
      ).toBe(texts.length);
    }
    expect(kb.invisible, 'every focus stop shows a visible focus indicator').toEqual([]);
    await page.close();
  });
});
