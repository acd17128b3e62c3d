/** Calls to the demo server's own `/api` (payout history and server-side money moves). */

/** A payout the host made or recorded for the signed-in seller. */
export interface PayoutRecord {
  kind: 'payout_link' | 'transfer' | 'payout_batch' | 'flow';
  id: string;
  label: string;
  createdAt: string;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...init,
    headers: { 'Content-Type': 'application/json', ...init?.headers },
  });
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { message?: string } })
    | null;
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body as T;
}

/** Records a payout link the seller created in the browser. */
export const recordPayoutLink = (id: string) =>
  call<{ payouts: PayoutRecord[] }>('/api/payouts', {
    method: 'POST',
    body: JSON.stringify({ kind: 'payout_link', id }),
  });

/** Asks the server to fund the seller's Dots wallet (a transfer with a negative amount). */
export const fundWallet = (amountCents: number) =>
  call<{ transfer: { id: string; amount: number; status: string } }>('/api/wallet/fund', {
    method: 'POST',
    body: JSON.stringify({ amountCents }),
  }).then((b) => b.transfer);

/** Asks the server to run the seller's weekly payout batch. */
export const runWeeklyBatch = () =>
  call<{ batch: { id: string; status: string } }>('/api/batches/weekly', { method: 'POST' }).then(
    (b) => b.batch,
  );
