import { afterAll, beforeAll } from 'vitest';
import { type E2eBrowser, launchBrowser } from './browser';
import { type Stack, startStack } from './stack';

/** A stack and one browser per name, filled in by the `beforeAll` that `useScenario` registers. */
export type Scenario<N extends string> = { stack: Stack } & Record<N, E2eBrowser>;

/**
 * Registers, in the calling `describe`, a `beforeAll` that starts a stack (sandbox + demo)
 * and launches one fresh-profile browser per name (each name is a separate user), and an
 * `afterAll` that closes them all. The returned object is empty until `beforeAll` has run,
 * so read its fields inside hooks and tests only. Hooks registered after this call run
 * after it, so they can sign users in.
 */
export function useScenario<const N extends string>(...names: N[]): Scenario<N> {
  const scenario = {} as Scenario<N>;
  const browsers: E2eBrowser[] = [];
  beforeAll(async () => {
    scenario.stack = await startStack();
    for (const name of names) {
      const browser = await launchBrowser();
      browsers.push(browser);
      (scenario as Record<string, E2eBrowser>)[name] = browser;
    }
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await scenario.stack?.close();
  });
  return scenario;
}
