import { createHmac, randomBytes } from 'node:crypto';

/** Creates a new Svix-style signing secret: `whsec_` + base64 of 24 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Signs a webhook body exactly as Svix does: HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * keyed by the base64-decoded secret (after its `whsec_` prefix), returned as the
 * `svix-signature` header value `v1,<base64>`. `timestamp` is in epoch seconds.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** Throws at start-up when `secret` is not a usable `whsec_` secret. */
export function assertWebhookSecret(secret: string): void {
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length < 16) {
    throw new TypeError(
      `[dotskit] webhook secret must look like "whsec_<base64>" (got ${secret.length} characters); omit it to have one generated.`,
    );
  }
}
