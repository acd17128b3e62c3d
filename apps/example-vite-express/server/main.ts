// The host's server: a stand-in sign-in (a cookie naming a seller), the token endpoint the
// widgets call, and the dotskit broker at /dots, which holds the Dots API key. It talks to
// the offline Dots sandbox, started here in-process (a real host sets `environment`).
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createBroker } from '@dotskit/broker';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_ID, startSandbox } from '@dotskit/sandbox';
import express, { type Request, type Response } from 'express';
import { SignJWT } from 'jose';

const jwtSecret = randomBytes(32).toString('base64url');
const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;

// Listen first: the sandbox must know where to send webhooks, even on port 0.
const server = http.createServer();
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 3000), resolve));
const url = `http://localhost:${(server.address() as AddressInfo).port}`;

const sandbox = await startSandbox({
  port: 0,
  webhooks: [{ url: `${url}/dots/webhooks`, secret: webhookSecret }],
});
const dotsUserOf = new Map<string, string>(); // seller id → Dots user id: your database
const broker = createBroker({
  dots: {
    clientId: DEFAULT_CLIENT_ID,
    apiKey: DEFAULT_API_KEY,
    environment: { baseUrl: `${sandbox.url.replace(/\/$/, '')}/api` },
  },
  auth: { jwtSecret },
  databaseUrl: 'memory:',
  webhookSecret,
  onUserLinked: (principal, dotsUserId) => {
    dotsUserOf.set(principal.sub, dotsUserId);
  },
});
await broker.ready();

const sellerOfSession = new Map<string, string>();
/** The signed-in seller; signs a new one in when the browser has no session yet. */
function sellerOf(req: Request, res: Response): string {
  const sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  const known = sid && sellerOfSession.get(sid);
  if (known) return known;
  const session = randomUUID();
  const sellerId = `seller-${randomUUID()}`;
  sellerOfSession.set(session, sellerId);
  res.cookie('sid', session, { httpOnly: true, sameSite: 'lax' });
  return sellerId;
}

const app = express();
app.use('/dots', broker);
// Mints a short-lived broker token for the seller (POST: it may sign a seller in).
app.post('/api/token', async (req, res) => {
  const sellerId = sellerOf(req, res);
  const dotsUserId = dotsUserOf.get(sellerId);
  const expiresAt = Math.floor(Date.now() / 1000) + 300;
  const token = await new SignJWT({
    scope: 'flows:write flows:read payout_links:write payout_links:read payouts:read',
    max_payout_cents: 50_000, // the largest payout link this seller may create
    ...(dotsUserId ? { dots_user_id: dotsUserId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sellerId)
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(jwtSecret));
  res.json({ token, expiresAt });
});
// Where the flow pages live: the browser frames only Dots' own origins, or ones listed here.
app.get('/api/config', (_req, res) => {
  res.json({ flowOrigins: [new URL(sandbox.url).origin] });
});
app.use(express.static(fileURLToPath(new URL('../client', import.meta.url)))); // vite build
server.on('request', app);
console.log(`listening on ${url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    server.closeAllConnections(); // SSE streams never end by themselves
    server.close();
    await broker.close();
    await sandbox.close();
    process.exit(0);
  });
}
