import { DEFAULT_API_KEY, DEFAULT_CLIENT_ID } from '@dotskit/sandbox';

const AUTH = `Basic ${Buffer.from(`${DEFAULT_CLIENT_ID}:${DEFAULT_API_KEY}`).toString('base64')}`;

/**
 * A minimal REST client for a running sandbox (default credentials). Throws with the
 * response body when a call is not 2xx, so a broken set-up fails loudly.
 */
export function sandboxApi(baseUrl: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  let n = 0;
  return {
    call,
    /** Creates a Dots user with a unique email. */
    createUser: async () => {
      n += 1;
      return call<{ id: string }>('POST', '/api/v2/users', {
        first_name: 'Ada',
        last_name: `Lovelace${n}`,
        email: `ada${n}.${Date.now()}@example.com`,
        country_code: '1',
        phone_number: '4155550123',
      });
    },
    /** Moves `cents` from the app wallet to the user's Dots wallet. */
    fund: (userId: string, cents: number) =>
      call('POST', '/api/v2/transfers', { user_id: userId, amount: -cents }),
    createFlow: (body: { steps: unknown[]; user_id?: string }) =>
      call<{ id: string; link: string }>('POST', '/api/v2/flows', body),
    createPayoutLink: (body: Record<string, unknown>) =>
      call<{ id: string; link: string; flow_id: string; status: string }>(
        'POST',
        '/api/v2/payout-links',
        body,
      ),
    cancelPayoutLink: (id: string) => call('DELETE', `/api/v2/payout-links/${id}`),
    advanceClock: (seconds: number) => call('POST', '/_sandbox/clock/advance', { seconds }),
  };
}

/** `?styles=` for a hosted page in `theme` with the default colours. */
export const stylesQuery = (theme: 'light' | 'dark') =>
  `?styles=${encodeURIComponent(JSON.stringify({ theme }))}`;
