#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_ID } from './options';
import { startSandbox } from './sandbox';

const USAGE = `Usage: dotskit-sandbox [options]

  --port <n>              port on 127.0.0.1 (default 4010)
  --client-id <id>        Basic-auth client id accepted (env DOTS_CLIENT_ID; default ${DEFAULT_CLIENT_ID})
  --api-key <key>         Basic-auth API key accepted (env DOTS_API_KEY; default ${DEFAULT_API_KEY})
  --enable-controls       mount the /_sandbox/ test controls
  --webhook-url <url>     register a webhook endpoint at start-up (env SANDBOX_WEBHOOK_URL)
  --webhook-secret <s>    its whsec_ secret (env SANDBOX_WEBHOOK_SECRET; generated when omitted)
  --public-url <url>      origin used in flow and payout links (default http://127.0.0.1:<port>)
  --help                  show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'client-id': { type: 'string' },
      'api-key': { type: 'string' },
      'enable-controls': { type: 'boolean' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      'public-url': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = process.env;
  const port = Number(values.port ?? 4010);
  const webhookUrl = values['webhook-url'] ?? env.SANDBOX_WEBHOOK_URL;
  const webhookSecret = values['webhook-secret'] ?? env.SANDBOX_WEBHOOK_SECRET;
  const clientId = values['client-id'] ?? env.DOTS_CLIENT_ID ?? DEFAULT_CLIENT_ID;
  const apiKey = values['api-key'] ?? env.DOTS_API_KEY ?? DEFAULT_API_KEY;
  const running = await startSandbox({
    port,
    clientId,
    apiKey,
    enableControls: values['enable-controls'] ?? false,
    publicUrl: values['public-url'],
    webhooks: webhookUrl ? [{ url: webhookUrl, secret: webhookSecret || undefined }] : [],
  });
  // The sandbox's own throwaway credentials are printed on purpose: tests and demos need them.
  console.log(`dotskit-sandbox: Dots v2 emulator`);
  console.log(`  API base      ${running.url}/api (Basic auth)`);
  console.log(`  client id     ${clientId}`);
  console.log(`  api key       ${apiKey}`);
  for (const ep of running.sandbox.webhooks.endpoints()) {
    console.log(`  webhook       ${ep.url}`);
    console.log(`  webhook secret ${ep.secret}`);
  }
  console.log(
    `  controls      ${values['enable-controls'] ? `${running.url}/_sandbox/` : 'off (--enable-controls)'}`,
  );
  console.log(`listening on ${running.url}`);

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    running.close().then(
      () => {
        console.log(`dotskit-sandbox: stopped (${signal})`);
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(`dotskit-sandbox: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
