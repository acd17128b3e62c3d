import { useEffect, useState } from 'react';
import { type DemoSession, fetchSellers, type Seller, signIn } from './session';

/** Picks a demo seller to sign in as. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: DemoSession) => void }) {
  const [sellers, setSellers] = useState<Seller[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetchSellers().then(setSellers, (e: unknown) => setError(String(e)));
  }, []);

  const choose = async (sellerId: string) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(sellerId));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Potter's Market</h1>
      <p className="muted">
        A demo marketplace that pays its sellers with Dots, through dotskit. Sign in as one of the
        demo sellers; each sees only their own payouts.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!sellers && !error && <p aria-busy="true">Loading sellers…</p>}
      <ul className="seller-list">
        {sellers?.map((seller) => (
          <li key={seller.id}>
            <button type="button" disabled={busy} onClick={() => choose(seller.id)}>
              Sign in as {seller.name}
              <span className="muted"> · {seller.shop}</span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
