import { PayoutStatus } from '@dotskit/react';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { listPayouts, type PayoutRecord } from '../host-api';
import { PayoutLinkStatus } from '../payout-link-status';

function Status({ record }: { record: Pick<PayoutRecord, 'kind' | 'id'> }) {
  switch (record.kind) {
    case 'payout_link':
      return <PayoutLinkStatus payoutLinkId={record.id} />;
    case 'transfer':
      return <PayoutStatus transferId={record.id} />;
    case 'payout_batch':
      return <PayoutStatus payoutBatchId={record.id} />;
    case 'flow':
      return <PayoutStatus flowId={record.id} />;
    default:
      return record.kind satisfies never;
  }
}

const KINDS = ['payout_link', 'transfer', 'payout_batch'] as const;

/**
 * The seller's payouts: every payout link, transfer and batch made for them, each with a
 * live status. A lookup by id shows what the broker answers for anything else: not found.
 */
export function PayoutsPage() {
  const [records, setRecords] = useState<PayoutRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lookup, setLookup] = useState<Pick<PayoutRecord, 'kind' | 'id'> | null>(null);
  const idField = useId();
  const kindField = useId();

  useEffect(() => {
    listPayouts().then(setRecords, (e: unknown) => setError(String(e)));
  }, []);

  const onLookup = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const id = String(data.get('id') ?? '').trim();
    const kind = String(data.get('kind')) as PayoutRecord['kind'];
    setLookup(id ? { id, kind } : null);
  };

  return (
    <section aria-labelledby="payouts-title">
      <h1 id="payouts-title">Payouts</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!records && !error && <p aria-busy="true">Loading…</p>}
      {records?.length === 0 && (
        <p className="muted" data-testid="no-payouts">
          No payouts yet.
        </p>
      )}
      {records && records.length > 0 && (
        <table className="payouts" data-testid="payouts-table">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Id</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={`${r.kind}:${r.id}`} data-payout-id={r.id}>
                <td>{r.label}</td>
                <td>
                  <code>{r.id}</code>
                </td>
                <td>
                  <Status record={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
          <Status key={`${lookup.kind}:${lookup.id}`} record={lookup} />
        </div>
      )}
    </section>
  );
}
