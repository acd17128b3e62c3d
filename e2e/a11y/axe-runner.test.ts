import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAxe } from './lib/axe';
import { type A11yBrowser, launchBrowser } from './lib/browser';

// The audit is only worth something if it fails on broken markup: prove it on fixtures.
describe('axe runner', () => {
  let browser: A11yBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reports an unlabelled input, an unnamed button and low contrast', async () => {
    const page = await browser.context.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>bad</title></head><body>
      <main><h1>Bad</h1><input type="text"><button></button>
      <p style="color:#aaa;background:#fff">faint text</p></main></body></html>`);
    const audit = await runAxe(page);
    const rules = audit.violations.map((v) => v.rule).sort();
    expect(rules).toEqual(['button-name', 'color-contrast', 'label']);
    expect(audit.violations.find((v) => v.rule === 'label')?.nodes[0]?.target).toBe('input');
    await page.close();
  });

  it('passes a clean page and counts the rules it ran', async () => {
    const page = await browser.context.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>ok</title></head><body>
      <main><h1>Fine</h1><label for="a">Name</label><input id="a" type="text">
      <button type="button">Save</button></main></body></html>`);
    const audit = await runAxe(page);
    expect(audit.violations).toEqual([]);
    expect(audit.rulesChecked).toBeGreaterThan(50);
    expect(audit.rulesApplied).toBeGreaterThan(5);
    await page.close();
  });
});
