import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './sandbox';

// A real Chromium loads the hosted flow page inside an iframe on another origin (a
// second tiny server), a person's keyboard and mouse fill the forms, and the host page
// records the postMessage events it receives.
let sb: RunningSandbox;
let host: Server;
let hostUrl: string;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  sb = await startSandbox({ enableControls: true });
  host = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><title>Host</title>
<script>window.__msgs = []; window.addEventListener('message', function (e) { window.__msgs.push({ origin: e.origin, data: e.data }); });</script>
<h1>Marketplace</h1><iframe title="Dots" src="${src.replace(/"/g, '&quot;')}" style="width:480px;height:900px"></iframe>`);
  });
  host.listen(0, '127.0.0.1');
  await once(host, 'listening');
  hostUrl = `http://localhost:${(host.address() as AddressInfo).port}`;
  profile = await mkdtemp(join(tmpdir(), 'pw-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await sb?.close();
  host?.close();
  host?.closeAllConnections();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const AUTH = `Basic ${Buffer.from('sandbox_client_id:sandbox_api_key').toString('base64')}`;
async function createFlow(body: unknown) {
  const res = await fetch(`${sb.url}/api/v2/flows`, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { id: string; link: string };
}

describe('hosted flow page in a real browser', () => {
  it('onboards and completes steps inside a cross-origin iframe, posting Dots messages', async () => {
    const flow = await createFlow({ steps: ['compliance', 'manage-payouts'] });
    const styles = encodeURIComponent(
      JSON.stringify({ theme: 'dark', variables: { primaryColor: '#ff0066' } }),
    );
    const page = await context.newPage();
    await page.goto(`${hostUrl}/?src=${encodeURIComponent(`${flow.link}?styles=${styles}`)}`);
    const frame = page.frameLocator('iframe');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __msgs: unknown[] }).__msgs.length))
      .toBeGreaterThan(0);

    // Dark theme from ?styles=.
    const bg = await frame.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(bg).toBe('rgb(17, 24, 39)');

    // Onboarding: an invalid email is reported on the field, which receives focus.
    await frame.getByLabel('First name').fill('Grace');
    await frame.getByLabel('Last name').fill('Hopper');
    await frame.getByLabel('Email').fill('grace-at-example');
    await frame.getByLabel('Phone number').fill('4155550123');
    await frame.getByLabel('Phone number').press('Enter');
    const email = frame.getByLabel('Email');
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.evaluate((el) => el === document.activeElement)).toBe(true);
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await frame.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).toMatch(
      /email/i,
    );
    await email.fill('grace@example.com');
    await email.press('Enter');

    // Compliance: focus moves to the new step's heading.
    const title = frame.locator('#flow-title');
    await expect.poll(() => title.textContent()).toBe('Tax information');
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    await frame.getByLabel('SSN or EIN').fill('123-45-6789');
    await frame.getByLabel('Date of birth').fill('1906-12-09');
    await frame.getByLabel('Street address').fill('1 Navy Way');
    await frame.getByLabel('ZIP / postal code').fill('20001');
    await frame.getByRole('button', { name: 'Continue' }).click();

    // Payout method: choose Venmo; only the phone field stays visible.
    await expect.poll(() => title.textContent()).toBe('Payout method');
    await frame.getByLabel('Venmo', { exact: true }).check();
    await expect.poll(() => frame.getByLabel('PayPal email').isVisible()).toBe(false);
    await frame.getByLabel('Venmo phone number').fill('4155550123');
    await frame.getByLabel('Venmo phone number').press('Enter');
    await expect.poll(() => title.textContent()).toBe('All done');

    const msgs = await page.evaluate(
      () => (window as unknown as { __msgs: { origin: string; data: unknown }[] }).__msgs,
    );
    expect(msgs.map((m) => m.data)).toEqual([
      { height: expect.any(Number) },
      { step: 'compliance', status: 'completed' },
      { step: 'manage-payouts', status: 'completed' },
    ]);
    expect(new Set(msgs.map((m) => m.origin))).toEqual(new Set([new URL(flow.link).origin]));
    expect((msgs[0]!.data as { height: number }).height).toBeGreaterThan(100);

    const res = await fetch(`${sb.url}/api/v2/flows/${flow.id}`, {
      headers: { authorization: AUTH },
    });
    const after = (await res.json()) as { completed_steps: string[]; user_id: string | null };
    expect(after.completed_steps).toEqual(['compliance', 'manage-payouts']);
    expect(after.user_id).toBeTruthy();
    await page.close();
  });

  it('shows a visible focus ring when tabbing', async () => {
    const flow = await createFlow({ steps: ['compliance'] });
    const page = await context.newPage();
    await page.goto(flow.link);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { id: el.id, outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused).toEqual({ id: 'f-first_name', outline: 'solid' });
    await page.close();
  });
});
