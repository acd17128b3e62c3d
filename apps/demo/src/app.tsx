import { DotsProvider } from '@dotskit/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { demoAppearance } from './appearance';
import { EventLog, EventLogProvider } from './event-log';
import { GetPaidPage } from './pages/get-paid';
import { OnboardingPage } from './pages/onboarding';
import { PayoutMethodPage } from './pages/payout-method';
import { PayoutsPage } from './pages/payouts';
import { WalletPage } from './pages/wallet';
import { WeeklyBatchPage } from './pages/weekly-batch';
import { PAGES, type PagePath, useHashRoute } from './router';
import { SellerContext } from './seller-context';
import {
  createTokenSource,
  type DemoSession,
  fetchFlowOrigins,
  fetchSession,
  signOut,
} from './session';
import { SignIn } from './sign-in';

type Theme = 'light' | 'dark';

function initialTheme(): Theme {
  const saved = localStorage.getItem('dotskit-demo:theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function Page({ path }: { path: PagePath }) {
  switch (path) {
    case 'onboarding':
      return <OnboardingPage />;
    case 'get-paid':
      return <GetPaidPage />;
    case 'wallet':
      return <WalletPage />;
    case 'weekly-batch':
      return <WeeklyBatchPage />;
    case 'payout-method':
      return <PayoutMethodPage />;
    case 'payouts':
      return <PayoutsPage />;
    default:
      return path satisfies never;
  }
}

function Shell({
  session,
  flowOrigins,
  onSession,
}: {
  session: DemoSession;
  flowOrigins: string[];
  onSession: (s: DemoSession | null) => void;
}) {
  const page = useHashRoute();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  // One token source per seller; a new seller gets a new provider (no shared state).
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by seller on purpose
  const tokens = useMemo(() => createTokenSource(session), [session.seller.id]);
  // The widgets keep a token until shortly before it expires; a new getToken function
  // (when the seller gains a Dots user, whose id the next token carries) drops it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: dotsUserId renews getToken on purpose
  const broker = useMemo(
    () => ({ url: '/dots', getToken: (ctx: { refresh: boolean }) => tokens.getToken(ctx) }),
    [tokens, session.dotsUserId],
  );
  const appearance = useMemo(() => demoAppearance(theme), [theme]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('dotskit-demo:theme', theme);
  }, [theme]);

  const refresh = useCallback(async () => {
    tokens.invalidate();
    onSession(await fetchSession());
  }, [tokens, onSession]);
  const seller = useMemo(() => ({ session, refresh }), [session, refresh]);

  return (
    <SellerContext.Provider value={seller}>
      <DotsProvider
        key={session.seller.id}
        broker={broker}
        appearance={appearance}
        flowOrigins={flowOrigins}
      >
        <div className="shell">
          <header className="top-bar">
            <strong className="brand">Potter's Market</strong>
            <span className="who" data-testid="signed-in-as">
              {session.seller.name} · {session.seller.shop}
            </span>
            <button
              type="button"
              className="link-button"
              aria-pressed={theme === 'dark'}
              onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
            >
              {theme === 'dark' ? 'Light' : 'Dark'} theme
            </button>
            <button
              type="button"
              className="link-button"
              onClick={async () => {
                await signOut();
                onSession(null);
              }}
            >
              Sign out
            </button>
          </header>
          <nav aria-label="Pages">
            <ul>
              {PAGES.map((p) => (
                <li key={p.path}>
                  <a href={`#/${p.path}`} aria-current={p.path === page ? 'page' : undefined}>
                    {p.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main>
            <Page path={page} />
          </main>
          <EventLog />
        </div>
      </DotsProvider>
    </SellerContext.Provider>
  );
}

/** The demo marketplace: sign-in, then the seller's pages and the event log. */
export function App() {
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'error'; message: string }
    | { status: 'ready'; session: DemoSession | null; flowOrigins: string[] }
  >({ status: 'loading' });

  useEffect(() => {
    Promise.all([fetchSession(), fetchFlowOrigins()]).then(
      ([session, flowOrigins]) => setState({ status: 'ready', session, flowOrigins }),
      (e: unknown) => setState({ status: 'error', message: String(e) }),
    );
  }, []);
  const onSession = useCallback(
    (session: DemoSession | null) =>
      setState((s) => ({
        status: 'ready',
        session,
        flowOrigins: 'flowOrigins' in s ? s.flowOrigins : [],
      })),
    [],
  );

  if (state.status === 'loading') return <p aria-busy="true">Loading…</p>;
  if (state.status === 'error')
    return <p role="alert">Could not reach the demo server: {state.message}</p>;
  return (
    <EventLogProvider key={state.session?.seller.id ?? 'signed-out'}>
      {state.session ? (
        <Shell session={state.session} flowOrigins={state.flowOrigins} onSession={onSession} />
      ) : (
        <SignIn onSignedIn={onSession} />
      )}
    </EventLogProvider>
  );
}
