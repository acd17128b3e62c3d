import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FrameLocator, Page } from 'playwright-core';

/** Where finished scenarios are photographed (git-ignored; CI keeps them as artifacts). */
export const SCREENSHOTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../screenshots');

/** Saves a full-page screenshot of a finished scenario. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = resolve(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in on the demo's sign-in page as the seller whose first name is given. */
export async function signIn(page: Page, baseUrl: string, firstName: string, hash = 'onboarding') {
  await page.goto(`${baseUrl}/#/${hash}`);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  const choose = page.getByRole('button', { name: new RegExp(`^Sign in as ${firstName}\\b`) });
  await signOut.or(choose).first().waitFor();
  if (await signOut.isVisible()) {
    await signOut.click();
  }
  await choose.click();
  await page.getByTestId('signed-in-as').filter({ hasText: firstName }).waitFor();
}

/** The callbacks the demo's event log shows, e.g. `DotsFlow.onComplete`. */
export const logged = (page: Page, event: string) => page.locator(`[data-event="${event}"]`);

/** A person's details for the sandbox's onboarding form. */
export interface Person {
  first: string;
  last: string;
  email: string;
  phone: string;
}

/** The sellers the scenarios sign in as; each scenario's stack is fresh, so reuse is safe. */
export const SELLERS = {
  alice: { first: 'Alice', last: 'Moreau', email: 'alice@example.com', phone: '4155550101' },
  bob: { first: 'Bob', last: 'Okafor', email: 'bob@example.com', phone: '4155550102' },
  chen: { first: 'Chen', last: 'Wei', email: 'chen@example.com', phone: '4155550103' },
  ada: { first: 'Ada', last: 'Example', email: 'ada@example.com', phone: '4155550199' },
} as const satisfies Record<string, Person>;

/** Fills the sandbox's sign-in/onboarding form (shown while the flow has no user). */
export async function fillOnboarding(frame: FrameLocator, person: Person) {
  await frame.getByLabel('First name').fill(person.first);
  await frame.getByLabel('Last name').fill(person.last);
  await frame.getByLabel('Email').fill(person.email);
  await frame.getByLabel('Phone number').fill(person.phone);
  await frame.getByRole('button', { name: 'Continue' }).click();
}

/** Fills the sandbox's compliance (tax information) step. */
export async function fillCompliance(frame: FrameLocator) {
  await frame.getByLabel('SSN or EIN').fill('123-45-6789');
  await frame.getByLabel('Date of birth').fill('1990-04-12');
  await frame.getByLabel('Street address').fill('1 Market St');
  await frame.getByLabel('ZIP / postal code').fill('94105');
  await frame.getByRole('button', { name: 'Continue' }).click();
}

/** Saves the sandbox's manage-payouts step with PayPal (the email is prefilled). */
export async function saveManagePayouts(frame: FrameLocator) {
  await frame.getByRole('heading', { name: 'Payout method' }).waitFor();
  await frame.getByRole('button', { name: 'Save' }).click();
}

/** The demo's embedded onboarding flow's iframe (its `title` is the flow's accessible name). */
export const ONBOARDING_FRAME = 'iframe[title="Seller onboarding"]';

/** Onboards the signed-in seller through the demo's embedded onboarding flow (scenario 1). */
export async function onboard(page: Page, person: Person) {
  const frame = page.frameLocator(ONBOARDING_FRAME);
  await fillOnboarding(frame, person);
  await fillCompliance(frame);
  await saveManagePayouts(frame);
  await page.getByTestId('onboarding-complete').waitFor();
}

/** The id of the flow an iframe shows (from its `/flow/<id>` src). */
export async function flowIdOf(page: Page, selector: string): Promise<string> {
  const src = await page.locator(selector).getAttribute('src');
  const id = src && /\/flow\/([^/?#]+)/.exec(src)?.[1];
  if (!id) throw new Error(`no flow id in iframe src ${src}`);
  return id;
}
