import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { SignJWT } from 'jose';
import pino, { type Logger } from 'pino';
import { Webhook } from 'svix';
import { afterAll, expect } from 'vitest';
import { type Broker, createBroker } from '../create-broker';
import type { BrokerOptions } from '../types';

export const JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const WEBHOOK_SECRET = `whsec_${Buffer.from('dotskit-broker-test-webhook-secret').toString('base64')}`;
export const ALL_SCOPES =
  'flows:write flows:read payout_links:write payout_links:read payouts:read';

/** The Dots API key the tests give the sandbox and the brokers; it must never leave the broker. */
export const TEST_API_KEY = 'dots_test_key_5f0c2a9e7b4d4c1b8e6a3f2d1c0b9a87';
export const TEST_CLIENT_ID = 'dotskit_test_client';

/** Every log line written during the suite (for the "key never logged" test). */
export const capturedLogLines: string[] = [];
/** Every response status line, header and body chunk sent by brokers started here. */
export const capturedResponses: string[] = [];

/** Registers an afterAll that fails the file if the API key shows up in any captured log line or response. */
export function checkNoSecretLeaks(secret = TEST_API_KEY): void {
  afterAll(() => {
    const encoded = Buffer.from(secret).toString('base64');
    for (const text of [...capturedLogLines, ...capturedResponses]) {
      expect(text.includes(secret) || text.includes(encoded)).toBe(false);
    }
    expect(capturedResponses.length).toBeGreaterThan(0);
  });
}

/** Express middleware recording what the broker sends (headers and body bytes). */
function captureResponses(
  _req: express.Request,
  res: express.Response,
  next: express.NextFunction,
): void {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => express.Response;
  const record = (chunk: unknown) => {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) capturedResponses.push(String(chunk));
  };
  res.write = ((...args: unknown[]) => {
    record(args[0]);
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') record(args[0]);
    capturedResponses.push(`${res.statusCode} ${JSON.stringify(res.getHeaders())}`);
    return end(...args);
  }) as typeof res.end;
  next();
}

const logWaiters = new Set<(line: string) => void>();

/** Resolves with the first log line (from now on) matching `pattern`. */
export function waitForLog(pattern: RegExp, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      logWaiters.delete(check);
      reject(new Error(`no log line matching ${pattern}`));
    }, timeoutMs);
    const check = (line: string) => {
      if (!pattern.test(line)) return;
      clearTimeout(timer);
      logWaiters.delete(check);
      resolve(line);
    };
    logWaiters.add(check);
  });
}

/** A pino logger that writes into {@link capturedLogLines}. */
export function captureLogger(level = 'debug'): Logger {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        capturedLogLines.push(line);
        for (const waiter of [...logWaiters]) waiter(line);
      }
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

/** An `Authorization` header value: a bearer token for `sub` with `claims` (all scopes by default). */
export async function bearer(sub: string, claims: Record<string, unknown> = {}): Promise<string> {
  return `Bearer ${await token(sub, claims)}`;
}

/**
 * Dots settings for tests whose requests are answered before any upstream call: the base
 * URL (port 9, discard) is never reached, and the key must never show in any output.
 */
export const UNREACHED_DOTS = {
  clientId: 'client',
  apiKey: 'key_never_used_upstream',
  environment: { baseUrl: 'http://127.0.0.1:9/api' },
} as const;

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
  app.use(captureResponses);
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
