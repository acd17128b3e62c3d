// @ts-check
/**
 * The demo marketplace's own users ("sellers") and what the host remembers about them.
 * Everything here is the host's business, not Dots': a real marketplace keeps it in its
 * own database. The demo keeps it in memory, which is enough to show the integration.
 */

/**
 * @typedef {{ id: string, name: string, shop: string, email: string }} Seller
 * @typedef {{ kind: 'payout_link' | 'transfer' | 'payout_batch' | 'flow', id: string,
 *   label: string, createdAt: string }} PayoutRecord
 */

/** @type {readonly Seller[]} The demo sellers one can sign in as. */
export const SELLERS = Object.freeze([
  { id: 'seller_alice', name: 'Alice Moreau', shop: "Alice's Pottery", email: 'alice@example.com' },
  { id: 'seller_bob', name: 'Bob Okafor', shop: "Bob's Bikes", email: 'bob@example.com' },
  { id: 'seller_chen', name: 'Chen Wei', shop: 'Chen Prints', email: 'chen@example.com' },
]);

/**
 * Finds a demo seller by id.
 * @param {unknown} id
 * @returns {Seller | undefined}
 */
export function findSeller(id) {
  return SELLERS.find((seller) => seller.id === id);
}

/**
 * Creates the host's in-memory records: the Dots user linked to each seller (set by the
 * broker's `onUserLinked`) and the payouts the host made for each seller, newest first.
 */
export function createHostRecords() {
  /** @type {Map<string, string>} */
  const dotsUsers = new Map();
  /** @type {Map<string, PayoutRecord[]>} */
  const payouts = new Map();
  return {
    /** @param {string} sellerId */
    dotsUserId(sellerId) {
      return dotsUsers.get(sellerId);
    },
    /** @param {string} sellerId @param {string} dotsUserId */
    linkDotsUser(sellerId, dotsUserId) {
      dotsUsers.set(sellerId, dotsUserId);
    },
    /** @param {string} sellerId */
    payouts(sellerId) {
      return payouts.get(sellerId) ?? [];
    },
    /**
     * Records a payout once (by kind and id).
     * @param {string} sellerId @param {Omit<PayoutRecord, 'createdAt'>} record
     */
    addPayout(sellerId, record) {
      const list = payouts.get(sellerId) ?? [];
      if (!list.some((r) => r.kind === record.kind && r.id === record.id)) {
        list.unshift({ ...record, createdAt: new Date().toISOString() });
      }
      payouts.set(sellerId, list);
    },
  };
}

/** @typedef {ReturnType<typeof createHostRecords>} HostRecords */
