/**
 * The browser side of the demo's sign-in. The session lives in an HttpOnly cookie; the
 * broker token is fetched from `GET /api/session` and cached until shortly before it
 * expires. The token never goes to localStorage.
 */

/** A demo seller (the marketplace's own user). */
export interface Seller {
  id: string;
  name: string;
  shop: string;
  email: string;
}

/** What `/api/session` answers. */
export interface DemoSession {
  seller: Seller;
  dotsUserId: string | null;
  token: string;
  /** Token expiry, epoch seconds. */
  expiresAt: number;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

/** The current session, or `null` when signed out. */
export async function fetchSession(): Promise<DemoSession | null> {
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  if (response.status === 204) return null;
  return json<DemoSession>(response);
}

/**
 * Origins of the flow pages besides Dots' own (the demo's offline sandbox), for
 * `<DotsProvider flowOrigins>`: the widgets refuse links anywhere else.
 */
export async function fetchFlowOrigins(): Promise<string[]> {
  return (await json<{ flowOrigins: string[] }>(await fetch('/api/config'))).flowOrigins;
}

/** The sellers one can sign in as. */
export async function fetchSellers(): Promise<Seller[]> {
  return (await json<{ sellers: Seller[] }>(await fetch('/api/sellers'))).sellers;
}

/** Signs in as a demo seller. */
export async function signIn(sellerId: string): Promise<DemoSession> {
  return json<DemoSession>(
    await fetch('/api/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sellerId }),
    }),
  );
}

/** Signs out. */
export async function signOut(): Promise<void> {
  await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' });
}

/**
 * A `getToken` for `<DotsProvider>`: answers from cache while the token has more than 30 s
 * left, otherwise asks the server again. `invalidate()` drops the cache (e.g. after the
 * seller gained a Dots user, so that the next token carries `dots_user_id`).
 */
export function createTokenSource(initial: DemoSession) {
  let current: DemoSession | null = initial;
  let pending: Promise<DemoSession> | null = null;
  const refresh = () => {
    pending ??= fetchSession()
      .then((session) => {
        if (!session) throw new Error('Signed out: sign in again');
        current = session;
        return session;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
  return {
    async getToken(ctx?: { refresh: boolean }): Promise<string> {
      if (ctx?.refresh) current = null;
      if (current && current.expiresAt * 1000 - Date.now() > 30_000) return current.token;
      return (await refresh()).token;
    },
    invalidate() {
      current = null;
    },
  };
}
