/** Shortest accepted HS256 secret: 32 characters (256 bits when random). */
export const MIN_JWT_SECRET_LENGTH = 32;

/**
 * Why `secret` is too weak to sign tokens, or `undefined` when it is acceptable: shorter
 * than {@link MIN_JWT_SECRET_LENGTH}, fewer than 8 different characters (`aaaa…`), or a
 * repeated unit (`abcabcabc…`, `changeme-changeme-…`). A heuristic against placeholders
 * and keyboard fill, not an entropy measurement: use 32 random bytes
 * (`openssl rand -base64 32`).
 */
export function weakSecretReason(secret: string): string | undefined {
  if (secret.length < MIN_JWT_SECRET_LENGTH)
    return `must be at least ${MIN_JWT_SECRET_LENGTH} characters`;
  if (new Set(secret).size < 8) return 'has fewer than 8 different characters';
  const n = Math.min(secret.length, 4_096);
  const text = secret.slice(0, n);
  for (let period = 1; period <= n / 2; period++) {
    if (text.slice(period) === text.slice(0, n - period)) return 'is a repeated sequence';
  }
  return undefined;
}

/** The URL rules (`https:`, or `http:` only on loopback) are `@dotskit/api/wire`'s. */
export { insecureUrlReason, isLoopbackHost } from '@dotskit/api/wire';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/**
 * A maximum token age in seconds: a positive whole number of seconds, or a string such as
 * `'90s'`, `'15m'`, `'12h'`, `'7d'`. `undefined` when it is neither.
 */
export function parseTokenAge(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{1,9})\s*([smhd]?)$/.exec(value.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * (UNIT_SECONDS[m[2] || 's'] as number);
  return seconds > 0 ? seconds : undefined;
}
