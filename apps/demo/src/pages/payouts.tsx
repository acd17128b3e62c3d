import { PayoutHistory, type PayoutHistoryRow, PayoutStatus } from '@dotskit/react';
import { type FormEvent, useId, useState } from 'react';
import { PayoutLinkStatus } from '../payout-link-status';

type Target = { kind: 'payout_link' | 'transfer' | 'payout_batch'; id: string };

function Status({ target }: { target: Target }) {
  switch (target.kind) {
    case 'payout_link':
      return <PayoutLinkStatus payoutLinkId={target.id} />;
    case 'transfer':
      return <PayoutStatus transferId={target.id} />;
    case 'payout_batch':
      return <PayoutStatus payoutBatchId={target.id} />;
    default:
      return target.kind satisfies never;
  }
}

const KINDS = ['payout_link', 'transfer', 'payout_batch'] as const;

/**
 * The seller's payouts: `<PayoutHistory>` lists their transfers and payout links from the
 * broker (their own only), live; Details opens one's status. A lookup by id shows what
 * the broker answers for anything else: not found.
 */
export function PayoutsPage() {
  const [selected, setSelected] = useState<Target | null>(null);
  const [lookup, setLookup] = useState<Target | null>(null);
  const idField = useId();
  const kindField = useId();

  const onSelect = (row: PayoutHistoryRow) => setSelected({ kind: row.kind, id: row.resource.id });
  const onLookup = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const id = String(data.get('id') ?? '').trim();
    const kind = String(data.get('kind')) as Target['kind'];
    setLookup(id ? { id, kind } : null);
  };

  return (
    <section aria-labelledby="payouts-title">
      <h1 id="payouts-title">Payouts</h1>
      <PayoutHistory onSelect={onSelect} />
      {selected && (
        <div data-testid="selected-payout" data-payout-id={selected.id}>
          <h2>Details</h2>
          <Status key={`${selected.kind}:${selected.id}`} target={selected} />
        </div>
      )}
      <h2>Look up a payout</h2>
      <form className="form-row" onSubmit={onLookup} aria-label="Look up a payout">
        <label htmlFor={kindField}>Kind</label>
        <select id={kindField} name="kind" defaultValue="payout_link">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k.replace('_', ' ')}
            </option>
          ))}
        </select>
        <label htmlFor={idField}>Id</label>
        <input id={idField} name="id" autoComplete="off" />
        <button type="submit">Look up</button>
      </form>
      {lookup && (
        <div data-testid="lookup-result">
          <Status key={`${lookup.kind}:${lookup.id}`} target={lookup} />
        </div>
      )}
    </section>
  );
}
