// The Dots emulator (@dotskit/sandbox) with its test controls on, optionally delivering
// signed webhooks to `webhooks: [{url, secret}]`.
import { loadWorkspace } from '../lib/load.mjs';

export async function start({ webhooks = [] } = {}) {
  const { startSandbox } = await loadWorkspace('@dotskit/sandbox');
  const sandbox = await startSandbox({
    enableControls: true,
    webhooks,
    port: 0,
    host: '127.0.0.1',
  });
  return { url: sandbox.url.replace(/\/$/, ''), close: () => sandbox.close() };
}
