// @ts-check
/**
 * The host's own JSON API under `/api`: sign-in, the broker token, the seller's payout
 * history, and the server-side money movements (funding a wallet, the weekly batch).
 * Money only ever moves from here, never from the browser.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import { findSeller, SELLERS } from './sellers.mjs';
import { readCookie, SESSION_COOKIE, signSellerToken } from './session.mjs';

/**
 * @typedef {import('./sellers.mjs').HostRecords} HostRecords
 * @typedef {ReturnType<typeof import('./session.mjs').createSessions>} Sessions
 * @typedef {{
 *   createTransfer(sellerId: string, body: import('@dotskit/api').CreateTransferBody): Promise<{ id?: string }>,
 *   createPayoutBatch(sellerId: string, body: import('@dotskit/api').CreatePayoutBatchBody): Promise<{ id?: string }>,
 *   retrievePayoutLink(sellerId: string, id: string): Promise<{ transfer_id?: string | null }>,
 * }} MoneyMover
 */

/**
 * @param {import('express').Response} res
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
function fail(res, status, code, message) {
  res.status(status).json({ error: { code, message } });
}

/** Largest amount a seller may move into their wallet in one go, in cents. */
const MAX_FUND_CENTS = 10_000;

/**
 * Creates the `/api` router. `flowOrigins` are the flow-page origins the browser lists on
 * `<DotsProvider flowOrigins>` (the offline sandbox's), served by `GET /api/config`.
 * @param {{ records: HostRecords, sessions: Sessions, jwtSecret: Uint8Array, money: MoneyMover, secureCookies?: boolean, flowOrigins?: string[] }} options
 */
export function createHostApi({
  records,
  sessions,
  jwtSecret,
  money,
  secureCookies = false,
  flowOrigins = [],
}) {
  const router = express.Router();
  router.use(express.json({ limit: '8kb' }));

  router.get('/config', (_req, res) => {
    res.json({ flowOrigins });
  });

  /** @param {import('express').Request} req */
  const currentSeller = (req) =>
    findSeller(sessions.sellerId(readCookie(req.headers.cookie, SESSION_COOKIE)));

  /** @param {import('./sellers.mjs').Seller} seller */
  const sessionBody = async (seller) => {
    const dotsUserId = records.dotsUserId(seller.id);
    const { token, expiresAt } = await signSellerToken({
      secret: jwtSecret,
      sellerId: seller.id,
      ...(dotsUserId ? { dotsUserId } : {}),
    });
    return { seller, dotsUserId: dotsUserId ?? null, token, expiresAt };
  };

  router.get('/sellers', (_req, res) => {
    res.json({ sellers: SELLERS });
  });

  router.post('/session', async (req, res) => {
    const seller = findSeller(req.body?.sellerId);
    if (!seller) {
      fail(res, 400, 'invalid-input', 'sellerId must be one of the demo sellers');
      return;
    }
    const old = readCookie(req.headers.cookie, SESSION_COOKIE);
    sessions.close(old);
    const id = sessions.open(seller.id);
    res.cookie(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      path: '/',
    });
    res.json(await sessionBody(seller));
  });

  // Signed out is a normal state here, not an error: 204.
  router.get('/session', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const seller = currentSeller(req);
    if (!seller) {
      res.status(204).end();
      return;
    }
    res.json(await sessionBody(seller));
  });

  router.delete('/session', (req, res) => {
    sessions.close(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  // Everything below needs a signed-in seller.
  /** @type {import('express').RequestHandler} */
  const requireSeller = (req, res, next) => {
    const seller = currentSeller(req);
    if (!seller) {
      fail(res, 401, 'unauthenticated', 'Sign in first');
      return;
    }
    res.locals.seller = seller;
    next();
  };

  router.get('/payouts', requireSeller, (_req, res) => {
    res.json({ payouts: records.payouts(res.locals.seller.id) });
  });

  // The browser reports a payout link it created (PayoutLinkButton's onCreated) so that
  // the history lists it. Listing an id proves nothing: the broker still answers 404 to
  // anyone but its owner.
  router.post('/payouts', requireSeller, (req, res) => {
    const id = req.body?.id;
    if (req.body?.kind !== 'payout_link' || typeof id !== 'string' || !/^[\w-]{1,64}$/.test(id)) {
      fail(res, 400, 'invalid-input', 'expected { kind: "payout_link", id }');
      return;
    }
    records.addPayout(res.locals.seller.id, { kind: 'payout_link', id, label: 'Payout link' });
    res.status(201).json({ payouts: records.payouts(res.locals.seller.id) });
  });

  // The transfer of a claimed payout link (owner only: the broker answers 404 otherwise).
  router.get('/payout-links/:id/transfer', requireSeller, async (req, res, next) => {
    try {
      const link = await money.retrievePayoutLink(res.locals.seller.id, String(req.params.id));
      res.set('Cache-Control', 'no-store').json({ transferId: link.transfer_id ?? null });
    } catch (error) {
      next(error);
    }
  });

  // Scenario 2: the marketplace moves the seller's earnings into their Dots wallet.
  router.post('/wallet/fund', requireSeller, async (req, res, next) => {
    const seller = res.locals.seller;
    const amount = Number(req.body?.amountCents);
    if (!Number.isInteger(amount) || amount <= 0 || amount > MAX_FUND_CENTS) {
      fail(res, 400, 'invalid-input', `amountCents must be an integer from 1 to ${MAX_FUND_CENTS}`);
      return;
    }
    const dotsUserId = records.dotsUserId(seller.id);
    if (!dotsUserId) {
      fail(res, 409, 'not-onboarded', 'Finish onboarding first: the seller has no Dots user yet');
      return;
    }
    try {
      const transfer = await money.createTransfer(seller.id, {
        amount: -amount,
        user_id: dotsUserId,
        idempotency_key: randomUUID(),
        metadata: { reason: 'marketplace-earnings' },
      });
      if (transfer.id) {
        records.addPayout(seller.id, {
          kind: 'transfer',
          id: transfer.id,
          label: 'Wallet funding',
        });
      }
      res.status(201).json({ transfer });
    } catch (error) {
      next(error);
    }
  });

  // Scenario 4: the weekly batch pays the seller's sales of the week in one go.
  router.post('/batches/weekly', requireSeller, async (_req, res, next) => {
    const seller = res.locals.seller;
    const dotsUserId = records.dotsUserId(seller.id);
    if (!dotsUserId) {
      fail(res, 409, 'not-onboarded', 'Finish onboarding first: the seller has no Dots user yet');
      return;
    }
    const sales = [1250, 830, 2400];
    try {
      const batch = await money.createPayoutBatch(seller.id, {
        items: sales.map((amount, index) => ({
          user_id: dotsUserId,
          amount,
          platform: /** @type {const} */ ('default'),
          fund: /** @type {const} */ (true),
          idempotency_key: randomUUID(),
          metadata: { order: `week-${index + 1}` },
        })),
        idempotency_key: randomUUID(),
        metadata: { batch_type: 'weekly_payouts' },
      });
      if (batch.id) {
        records.addPayout(seller.id, { kind: 'payout_batch', id: batch.id, label: 'Weekly batch' });
      }
      res.status(201).json({ batch });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
