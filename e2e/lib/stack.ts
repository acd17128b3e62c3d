import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWebhookSecret } from '../../apps/demo/server/config.mjs';
import { startDemo } from '../../apps/demo/server/start-demo.mjs';
import { DEMO_DIST, ensureDemoBuilt } from './demo-build';

/** A running sandbox + demo server pair on free ports, with its own SQLite file. */
export interface Stack {
  url: string;
  sandboxUrl: string;
  close: () => Promise<void>;
}

/**
 * Starts the offline sandbox (webhooks pointed at the demo's broker) and the demo server
 * exactly as `npm start` does, but on port 0 and with a throwaway database.
 */
export async function startStack(): Promise<Stack> {
  ensureDemoBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'dotskit-e2e-'));
  const demo = await startDemo({
    port: 0,
    host: '127.0.0.1',
    sandboxPort: 0,
    databaseUrl: `sqlite:${join(dir, 'demo.db')}`,
    jwtSecret: randomBytes(32).toString('base64url'),
    webhookSecret: generateWebhookSecret(),
    dots: null,
    staticDir: DEMO_DIST,
  });
  if (!demo.sandboxUrl) throw new Error('expected the offline sandbox to be running');
  return {
    url: demo.url,
    sandboxUrl: demo.sandboxUrl,
    close: async () => {
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
