import type {
  Flow,
  PayoutBatch,
  PayoutLink,
  PayoutLinkStatus,
  ResourceKind,
  Transfer,
} from '@dotskit/api/wire';
import { uid } from '../uid';
import type { FakeBroker } from './types';

/** How a principal may read a resource: as its owner (lists too) or a follower (reads, events). */
export type Relation = 'owner' | 'follower';

/** What the payout drivers need from the fake. */
export interface PayoutDeps {
  /** The default principal. */
  principal: string;
  flowOrigin: string;
  now(): string;
  ownerOf(kind: ResourceKind, id: string): string;
  own(kind: ResourceKind, id: string, principal: string, relation?: Relation): void;
  /** Pushes a resource's event (its kind's `.updated` unless `type` says) to its owner. */
  emit<T extends { id: string }>(kind: ResourceKind, r: T, push?: boolean, type?: string): T;
  pushWallet(principal: string): void;
  get<T>(m: Map<string, T>, id: string, what: string): T;
}

const ENDED_UNCLAIMED: PayoutLinkStatus[] = ['canceled'];

/**
 * The fake broker's payout drivers: payout links, transfers and payout batches, created
 * and moved through their statuses, each change pushed to its owner as the broker does.
 */
export function payoutControls(
  fb: () => FakeBroker,
  d: PayoutDeps,
): Pick<
  FakeBroker,
  | 'setPayoutLinkStatus'
  | 'payOut'
  | 'createPayoutLink'
  | 'createTransfer'
  | 'setTransferStatus'
  | 'createPayoutBatch'
  | 'updatePayoutBatch'
> {
  return {
    setPayoutLinkStatus(id, status, { push: p = true } = {}) {
      const l = d.get(fb().payoutLinks, id, 'payout link');
      l.status = status;
      d.emit('payout_link', l, p);
      // As Dots: a link that ends unclaimed releases its reserved transfer (canceled with it).
      const t = l.transfer_id ? fb().transfers.get(l.transfer_id) : undefined;
      if (t?.status === 'created' && ENDED_UNCLAIMED.includes(status))
        fb().setTransferStatus(t.id, 'canceled', { push: p });
      return l;
    },
    payOut(payoutLinkId) {
      const l = d.get(fb().payoutLinks, payoutLinkId, 'payout link');
      l.claimed_user_id = uid();
      // The link's own transfer when it has one (an API-created link does), else a new one.
      const t =
        (l.transfer_id && fb().transfers.get(l.transfer_id)) ||
        fb().createTransfer(
          { amount: -l.amount, payout_link_id: l.id, status: 'pending', type: 'payout' },
          { principal: d.ownerOf('payout_link', l.id) },
        );
      t.user_id = l.claimed_user_id;
      l.transfer_id = t.id;
      fb().setPayoutLinkStatus(l.id, 'claimed');
      return fb().setTransferStatus(t.id, 'completed');
    },
    createPayoutLink(init = {}, { principal: p = d.principal } = {}) {
      const id = init.id ?? uid();
      const flowId = init.flow_id ?? uid();
      const l: PayoutLink = {
        id,
        // As Dots: a payout link's page is its flow's page.
        link: `${d.flowOrigin}/flow/${flowId}`,
        status: 'created',
        amount: 2500,
        flow_id: flowId,
        transfer_id: null,
        claimed_user_id: null,
        created: d.now(),
        ...init,
      };
      fb().payoutLinks.set(id, l);
      d.own('payout_link', id, p);
      // Its claim flow, which the creator follows (a page to open, as an API-created link's).
      if (l.flow_id && !fb().flows.has(l.flow_id)) {
        const flow = {
          id: l.flow_id,
          created: l.created,
          link: `${d.flowOrigin}/flow/${l.flow_id}`,
          steps: ['payout'],
          completed_steps: [],
          user_id: null,
          metadata: null,
          payout_link_id: id,
        } as Flow;
        fb().flows.set(flow.id, flow);
        d.own('flow', flow.id, p, 'follower');
      }
      return l;
    },
    createTransfer(init = {}, { principal: p = d.principal } = {}) {
      const t: Transfer = {
        id: uid(),
        status: 'created',
        amount: -1000,
        type: 'payout',
        created: d.now(),
        ...init,
      };
      fb().transfers.set(t.id, t);
      d.own('transfer', t.id, p);
      return t;
    },
    setTransferStatus(id, status, { push: p = true } = {}) {
      const t = d.get(fb().transfers, id, 'transfer');
      t.status = status;
      d.emit('transfer', t, p);
      // As the broker: `wallet.updated` when the transfer moved the owner's own user's money.
      const owner = d.ownerOf('transfer', id);
      if (
        p &&
        status === 'completed' &&
        t.user_id &&
        fb().wallets.get(owner)?.user_id === t.user_id
      )
        d.pushWallet(owner);
      return t;
    },
    createPayoutBatch(init = {}, { principal: p = d.principal } = {}) {
      const b: PayoutBatch = {
        id: uid(),
        status: 'created',
        items_processed: 0,
        items_succeeded: 0,
        items_failed: 0,
        created: d.now(),
        ...init,
      };
      fb().payoutBatches.set(b.id, b);
      d.own('payout_batch', b.id, p);
      return b;
    },
    updatePayoutBatch(id, patch, { push: p = true } = {}) {
      const b = Object.assign(d.get(fb().payoutBatches, id, 'payout batch'), patch);
      return d.emit('payout_batch', b, p);
    },
  };
}
