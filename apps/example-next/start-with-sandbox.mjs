// `npm start` without a Dots account: starts the offline Dots sandbox in this process,
// then `next start` with the broker's environment pointing at it, and registers the app's
// webhook endpoint with the sandbox once Next has its port (PORT=0 picks a free one).
// Against real Dots, set the variables of README.md and run `next start` itself.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_ID, startSandbox } from '@dotskit/sandbox';

const sandbox = await startSandbox({ port: 0 });
const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const next = spawn(process.execPath, [nextBin, 'start', '--port', process.env.PORT ?? '3000'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DOTS_CLIENT_ID: DEFAULT_CLIENT_ID,
    DOTS_API_KEY: DEFAULT_API_KEY,
    DOTS_ENVIRONMENT: `${sandbox.url}/api`,
    DOTSKIT_JWT_SECRET: randomBytes(32).toString('base64url'),
    DOTS_WEBHOOK_SECRET: webhookSecret,
  },
});
const exited = new Promise((resolve) => next.once('exit', (code) => resolve(code ?? 1)));
// A signal is passed on to Next; once it has exited the sandbox closes and this ends (0).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stopping = true;
    next.kill(signal);
  });
}

let url;
for await (const line of createInterface({ input: next.stdout })) {
  console.log(line);
  url ??= /Local:\s+(http:\/\/\S+)/.exec(line)?.[1];
  if (url && line.includes('Ready in')) {
    sandbox.sandbox.webhooks.addEndpoint(`${url}/dots/webhooks`, webhookSecret);
    console.log(`listening on ${url}`);
  }
}
const code = await exited; // Next closed its output: it was stopped, or failed to start
await sandbox.close();
process.exit(stopping ? 0 : code);
