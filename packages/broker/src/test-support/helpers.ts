import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { SignJWT } from 'jose';
import pino, { type Logger } from 'pino';
import { Webhook } from 'svix';
import { type Broker, createBroker } from '../create-broker';
import type { BrokerOptions } from '../types';

export const JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const WEBHOOK_SECRET = `whsec_${Buffer.from('dotskit-broker-test-webhook-secret').toString('base64')}`;
export const ALL_SCOPES =
  'flows:write flows:read payout_links:write payout_links:read payouts:read';

/** Every log line written during the suite (for the "key never logged" test). */
export const capturedLogLines: string[] = [];

/** A pino logger that writes into {@link capturedLogLines}. */
export function captureLogger(level = 'debug'): Logger {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) capturedLogLines.push(line);
      cb();
    },
  });
  return pino({ level }, sink);
}

/** Signs a broker JWT (HS256) for `sub`. */
export async function token(
  sub: string,
  claims: Record<string, unknown> = {},
  { secret = JWT_SECRET, expiresIn = '10m' }: { secret?: string; expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT({ scope: ALL_SCOPES, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** Svix headers for `payload` signed with `secret` at `timestamp` (default now). */
export function signWebhook(
  payload: string,
  {
    id = `msg_${Math.random().toString(36).slice(2)}`,
    secret = WEBHOOK_SECRET,
    timestamp = new Date(),
  } = {},
): Record<string, string> {
  const signature = new Webhook(secret).sign(id, timestamp, payload);
  return {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'svix-signature': signature,
  };
}

/** A broker mounted at `/` of an express app listening on 127.0.0.1:0. */
export interface RunningBroker {
  url: string;
  broker: Broker;
  app: express.Express;
  close(): Promise<void>;
}

/** Starts a broker on a real port. */
export async function startBroker(options: BrokerOptions, mountPath = '/'): Promise<RunningBroker> {
  const broker = createBroker({
    logger: captureLogger(),
    webhookSecret: WEBHOOK_SECRET,
    ...options,
  });
  await broker.ready();
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(mountPath, broker);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${mountPath === '/' ? '' : mountPath}`,
    broker,
    app,
    async close() {
      await broker.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
