import { isIP } from 'node:net';
import type { Request } from 'express';

/** What Express's `trust proxy` setting accepts, as {@link parseTrustProxy} produces it. */
export type TrustProxySetting = boolean | number | string[];

/** Subnet names Express (proxy-addr) knows. */
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Whether `entry` is an IP address, `ip/prefix` subnet, or one of Express's subnet names. */
function isTrustEntry(entry: string): boolean {
  if (NAMED_SUBNETS.has(entry)) return true;
  const [ip = '', prefix, ...rest] = entry.split('/');
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Parses a `trust proxy` value from text (the bin's `TRUST_PROXY`): a hop count (`1`),
 * `true` / `false`, or a comma-separated list of addresses and subnets
 * (`loopback, 10.0.0.0/8`). Returns `undefined` for anything else, so that the caller can
 * refuse it in its own words: Express itself would read `1` as the address 0.0.0.1 and
 * throw a stack trace for `true`.
 */
export function parseTrustProxy(text: string): TrustProxySetting | undefined {
  const value = text.trim();
  if (/^\d{1,3}$/.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.length > 0 && entries.every(isTrustEntry) ? entries : undefined;
}

/**
 * The end user's IP for `Dots-User-IP`: `req.ip` (which honours the host's `trust proxy`
 * setting) when it is a valid IPv4 or IPv6 address, else `undefined` — a trusted proxy
 * chain can still carry any string in `X-Forwarded-For`, and Dots must not receive it.
 */
export function clientIp(req: Request): string | undefined {
  const ip = req.ip;
  return typeof ip === 'string' && isIP(ip) !== 0 ? ip : undefined;
}

/** Whether the host's `trust proxy` setting trusts the peer that sent `req`. */
function trustsPeer(req: Request): boolean {
  const trust = req.app?.get('trust proxy fn') as
    | ((address: string | undefined, hop: number) => boolean)
    | undefined;
  return typeof trust === 'function' && trust(req.socket.remoteAddress, 0);
}

/** `host` and `proto` of the first (client-most) element of an RFC 7239 `Forwarded` header. */
function parseForwarded(header: string): { host?: string; proto?: string } {
  const first = header.split(',')[0] ?? '';
  const out: { host?: string; proto?: string } = {};
  for (const pair of first.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim().toLowerCase();
    const value = pair
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'host' || key === 'proto') out[key] = value;
  }
  return out;
}

/** `proto://host` as an origin, or undefined unless `host` is a plain host[:port]. */
const toOrigin = (proto: string, host: string | undefined): string | undefined => {
  if (
    !host ||
    !/^https?$/.test(proto) ||
    !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)
  )
    return undefined;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return undefined;
  }
};

/**
 * The origins a browser would name when calling this broker on the same origin: the one
 * of the `Host` header, and — only when the host's `trust proxy` setting trusts the peer —
 * the one a proxy forwarded (`Forwarded: host=…;proto=…`, else `X-Forwarded-Host` /
 * `X-Forwarded-Proto`). A Vite dev proxy (`changeOrigin: true, xfwd: true`) and Next.js
 * `rewrites()` rewrite `Host` to the broker's address and send the page's host this way.
 */
export function ownOrigins(req: Request): string[] {
  const socketProto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const origins = [toOrigin(socketProto, req.headers.host)];
  if (trustsPeer(req)) {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    origins.push(forwardedOrigin(header, socketProto));
  }
  return origins.filter((o): o is string => o !== undefined);
}

/**
 * The origin a (trusted) proxy says the browser used: from `Forwarded`, else
 * `X-Forwarded-Host` / `X-Forwarded-Proto` (first element of each); `undefined` if none.
 */
export function forwardedOrigin(
  header: (name: string) => string | undefined,
  fallbackProto: string,
): string | undefined {
  const forwarded = header('forwarded');
  const parsed = forwarded ? parseForwarded(forwarded) : {};
  const first = (v: string | undefined) => v?.split(',')[0]?.trim() || undefined;
  const host = parsed.host ?? first(header('x-forwarded-host'));
  const proto = (parsed.proto ?? first(header('x-forwarded-proto')) ?? fallbackProto).toLowerCase();
  return toOrigin(proto, host);
}
