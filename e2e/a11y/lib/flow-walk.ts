import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Valid values for each hosted-page form (by `data-step`), as a person would type them. */
const VALUES: Record<string, Record<string, string>> = {
  onboarding: {
    first_name: 'Grace',
    last_name: 'Hopper',
    email: 'grace@example.com',
    country_code: '1',
    phone_number: '4155550199',
  },
  compliance: {
    tax_id: '123-45-6789',
    date_of_birth: '1990-01-31',
    address: '1 Main Street',
    postal_code: '94105',
  },
  'id-verification': { document_number: 'X1234567' },
  'manage-payments': { routing_number: '011000015', account_number: '000123456789' },
  'manage-payouts': { email: 'grace@example.com' },
  payout: { amount: '5.00', email: 'grace@example.com' },
  'pdf-form-fill': { signature: 'Grace Hopper' },
};

/** The `data-step` of the form currently shown, or null when the page shows no form. */
export async function currentForm(page: Page): Promise<string | null> {
  const form = page.locator('main form');
  return (await form.count()) > 0 ? form.getAttribute('data-step') : null;
}

/** Text of the page's `<h1>`. */
export const heading = async (page: Page) =>
  ((await page.locator('#flow-title').textContent()) ?? '').trim();

/** Fills the current form with valid values and submits it; waits for the next screen. */
export async function submitValid(page: Page, step: string): Promise<void> {
  for (const [name, value] of Object.entries(VALUES[step] ?? {})) {
    const input = page.locator(`#f-${name}`);
    if (await input.isVisible()) await input.fill(value);
  }
  if (step === 'background-check') await page.locator('#f-consent').check();
  await submitAndWait(page);
}

/** Clears every text field of the current form and submits it, so that it shows errors. */
export async function submitEmpty(page: Page): Promise<void> {
  for (const input of await page
    .locator('main form input:not([type=radio]):not([type=checkbox])')
    .all()) {
    if (await input.isVisible()) await input.fill('');
  }
  await page.locator('main form button[type=submit]').click();
  await page.waitForSelector('main form [aria-invalid="true"], #form-alert:not([hidden])');
}

async function submitAndWait(page: Page): Promise<void> {
  const before = await page.locator('main').innerHTML();
  await page.locator('main form button[type=submit]').click();
  await page.waitForFunction((html) => {
    const main = document.querySelector('main');
    return main !== null && main.innerHTML !== html && !main.querySelector('[aria-busy]');
  }, before);
}

/**
 * Screen-reader checks of a form showing errors: every invalid control's
 * `aria-describedby` names a visible, non-empty error; focus is on the first invalid control.
 * Returns the names of the invalid fields.
 */
export async function expectErrorsTiedToFields(page: Page): Promise<string[]> {
  const report = await page.evaluate(() => {
    const invalid = [...document.querySelectorAll('main form [aria-invalid="true"]')];
    return invalid.map((el) => {
      const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      const errors = ids.flatMap((id) => {
        const e = document.getElementById(id);
        return e?.classList.contains('error') ? [e] : [];
      });
      return {
        name: el.getAttribute('name') ?? el.id,
        tag: el.tagName,
        describedErrors: errors.map((e) => ({
          text: e.textContent?.trim() ?? '',
          hidden: e.hidden,
        })),
      };
    });
  });
  expect(report.length, 'at least one field is marked aria-invalid').toBeGreaterThan(0);
  for (const field of report) {
    expect(field.describedErrors, `${field.name} has an error in aria-describedby`).not.toEqual([]);
    for (const e of field.describedErrors) {
      expect(e.hidden, `${field.name}'s error is shown`).toBe(false);
      expect(e.text.length, `${field.name}'s error has text`).toBeGreaterThan(0);
    }
  }
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'));
  expect(focused, 'focus moved to the first invalid control').toBe('true');
  return report.map((f) => f.name);
}
