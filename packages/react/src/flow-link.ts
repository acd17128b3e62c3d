import { isLoopbackHost } from '@dotskit/api/wire';
import { DotsWidgetError } from './errors';
import { useMemo } from './react-hooks';

/**
 * Hosts of Dots' hosted flow pages (DOTS-FACTS.md): production, then the two sandbox
 * hosts. Links on these hosts are trusted over `https:` only.
 */
export const DOTS_FLOW_HOSTS = ['my.dots.dev', 'my-sandbox.dots.dev', 'my.senddotssandbox.com'];

/**
 * The one check every broker `link` passes before it becomes an iframe `src`, a page or
 * popup location, or an `href`. Trusted: `https:` on a {@link DOTS_FLOW_HOSTS} host
 * (default port), or an origin the host listed in `<DotsProvider flowOrigins>` that is
 * `https:`, or `http:` on a loopback host. Anything else — `javascript:`, `data:`,
 * `blob:`, relative or unparsable links, plain `http:` elsewhere, unknown hosts, anything
 * not a string — gives a {@link DotsWidgetError} with code `untrusted_link` (no status),
 * which the widgets show as their error state. Returns the parsed URL, or that error
 * (never throws).
 */
export function checkLink(
  link: unknown,
  flowOrigins: readonly string[] = [],
): URL | DotsWidgetError {
  let u: URL | undefined;
  try {
    if (typeof link === 'string') u = new URL(link);
  } catch {}
  const listed = !!u && flowOrigins.includes(u.origin);
  if (
    u &&
    (u.protocol === 'https:'
      ? listed || DOTS_FLOW_HOSTS.includes(u.host)
      : u.protocol === 'http:' && listed && isLoopbackHost(u.hostname))
  )
    return u;
  return new DotsWidgetError({
    code: 'untrusted_link',
    message: 'Link not on a Dots flow origin nor in flowOrigins',
  });
}

/**
 * {@link checkLink} of a resource's `link` for render (memoized on the link and origins):
 * `{ url }` when it passed, `{ error }` when not, `{}` without a link yet.
 */
export function useCheckedLink(
  link: string | undefined,
  flowOrigins: readonly string[],
): { url?: URL; error?: DotsWidgetError } {
  return useMemo(() => {
    if (link === undefined) return {};
    const c = checkLink(link, flowOrigins);
    return c instanceof URL ? { url: c } : { error: c };
  }, [link, flowOrigins]);
}

/**
 * Throws a `[dotskit]` TypeError naming the fix when an entry of `flowOrigins` could never
 * match a link: not a bare `https://host[:port]` or `http://<loopback>[:port]` origin.
 */
export function assertFlowOrigins(flowOrigins: unknown): void {
  if (flowOrigins === undefined) return;
  for (const o of Array.isArray(flowOrigins) ? flowOrigins : [flowOrigins]) {
    let u: URL | undefined;
    try {
      u = new URL(o);
    } catch {}
    if (
      !u ||
      u.origin !== o ||
      !(u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname)))
    )
      throw new TypeError(
        `[dotskit] <DotsProvider flowOrigins>: ${JSON.stringify(o)} is not an origin such as "http://localhost:4010" (https, or http on a loopback host; no path or trailing slash).`,
      );
  }
}

/**
 * Tokens of the iframe `sandbox` attribute: scripts and forms for the hosted pages, their
 * own origin (for their same-origin requests and so their messages carry it), and popups
 * that leave the sandbox (bank and wallet sign-in windows, e.g. Plaid's OAuth).
 * No top navigation, no modals, no downloads.
 */
export const FRAME_SANDBOX =
  'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox';

/**
 * Security attributes of every frame showing a checked link: `sandbox`, a referrer policy
 * that sends Dots the host's origin but never its path or query, and camera (identity
 * checks) and clipboard delegated to that link's origin only.
 */
export const frameAttrs = (url: URL) => ({
  sandbox: FRAME_SANDBOX,
  referrerPolicy: 'strict-origin-when-cross-origin' as const,
  allow: `camera ${url.origin}; clipboard-write ${url.origin}`,
});
