// The Dots emulator (@dotskit/sandbox) with its test controls on, optionally delivering
// signed webhooks to `webhooks: [{url, secret}]` (more can be added through
// POST /_sandbox/webhook-endpoints).
import { DOTS_API_KEY, DOTS_CLIENT_ID } from '../lib/auth.mjs';
import { loadWorkspace } from '../lib/load.mjs';

export async function start({ webhooks = [] } = {}) {
  const { startSandbox } = await loadWorkspace('@dotskit/sandbox');
  const sandbox = await startSandbox({
    clientId: DOTS_CLIENT_ID,
    apiKey: DOTS_API_KEY,
    enableControls: true,
    webhooks,
    port: 0,
    host: '127.0.0.1',
  });
  return { url: sandbox.url.replace(/\/$/, ''), close: () => sandbox.close() };
}
