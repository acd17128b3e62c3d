import type { Logger } from 'pino';
import type { DotsResource } from '../dots-client';
import { BrokerError } from '../errors';
import type { BrokerMetrics } from '../observe/metrics';
import type { BrokerStore, Ownership } from '../store/ports';
import type { Principal } from '../types';

/** How the broker learned a principal's Dots user. */
export type UserLinkSource = 'users.create' | 'own_flow' | 'host';

/** What `onUserLinkConflict` is told: a link that was refused, with both Dots user ids. */
export interface UserLinkConflict {
  principal: Principal;
  /** The Dots user the principal is linked to, which stays. */
  currentDotsUserId: string;
  /** The Dots user that was refused. */
  proposedDotsUserId: string;
  source: UserLinkSource;
}

/** Outcome of a link attempt. */
export type UserLinkOutcome = 'linked' | 'unchanged' | 'replaced' | 'conflict';

/** What the identity module needs. */
export interface IdentityContext {
  store: BrokerStore;
  logger: Logger;
  metrics: BrokerMetrics;
  onUserLinked?: (principal: Principal, dotsUserId: string) => void | Promise<void>;
  onUserLinkConflict?: (conflict: UserLinkConflict) => void | Promise<void>;
}

/** The one place that reads and writes who a principal is at Dots. */
export interface Identity {
  /** The principal's Dots user: what the host says (`dotsUserId`), else the stored link. */
  linkedUser(principal: Principal): Promise<string | undefined>;
  /**
   * Links `dotsUserId` to the principal `sub`. A principal with no link gets it
   * (`onUserLinked` fires once per principal and user); the same link again changes
   * nothing; a different existing link is kept and the attempt refused (warning log with
   * both ids, metric, `onUserLinkConflict`) unless `replace` is set, which only the host's
   * explicit `users.link(…, { replace: true })` does.
   */
  link(
    sub: string,
    dotsUserId: string,
    source: UserLinkSource,
    replace?: boolean,
  ): Promise<UserLinkOutcome>;
}

/**
 * The Dots user a flow vouches for, for its principal: only a flow the principal owns (it
 * created it), never one it merely follows (a payout link's claim flow: the claimant is
 * someone else), and never a flow that belongs to a payout link whatever the record says.
 */
export function userVouchedByFlow(
  ownership: Ownership | undefined,
  flow: DotsResource,
): string | undefined {
  if (ownership?.relation !== 'owner') return undefined;
  if (typeof flow.payout_link_id === 'string' && flow.payout_link_id) return undefined;
  return typeof flow.user_id === 'string' && flow.user_id ? flow.user_id : undefined;
}

const asPrincipal = (sub: string, dotsUserId: string): Principal => ({
  sub,
  dotsUserId,
  scopes: [],
});

/** Creates the identity module. */
export function createIdentity(ctx: IdentityContext): Identity {
  const { store, logger, metrics } = ctx;

  const callHook = async (name: string, sub: string, fn: () => void | Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      logger.error({ err, owner: sub }, `${name} threw`);
    }
  };

  const linked = async (sub: string, dotsUserId: string, source: UserLinkSource) => {
    await store.recordOwner('user', dotsUserId, sub);
    metrics.userLinks.inc({ outcome: 'linked', source });
    const hook = ctx.onUserLinked;
    if (hook && (await store.markOnce(`user-linked:${JSON.stringify([sub, dotsUserId])}`)))
      await callHook('onUserLinked', sub, () => hook(asPrincipal(sub, dotsUserId), dotsUserId));
  };

  return {
    async linkedUser(principal) {
      return principal.dotsUserId ?? (await store.getLinkedUser(principal.sub));
    },
    async link(sub, dotsUserId, source, replace = false) {
      if (replace) {
        const before = await store.getLinkedUser(sub);
        if (before === dotsUserId) return 'unchanged';
        await store.replaceLinkedUser(sub, dotsUserId);
        logger.warn(
          { owner: sub, from: before, to: dotsUserId, source },
          'Dots user link replaced',
        );
        await linked(sub, dotsUserId, source);
        return before === undefined ? 'linked' : 'replaced';
      }
      const before = await store.getLinkedUser(sub);
      if (before === dotsUserId) return 'unchanged';
      const current = before ?? (await store.linkUser(sub, dotsUserId));
      if (current === dotsUserId) {
        await linked(sub, dotsUserId, source);
        return 'linked';
      }
      metrics.userLinks.inc({ outcome: 'conflict', source });
      logger.warn(
        { owner: sub, currentDotsUserId: current, proposedDotsUserId: dotsUserId, source },
        'refused to replace the Dots user linked to a principal',
      );
      const hook = ctx.onUserLinkConflict;
      if (hook) {
        const conflict: UserLinkConflict = {
          principal: asPrincipal(sub, current),
          currentDotsUserId: current,
          proposedDotsUserId: dotsUserId,
          source,
        };
        await callHook('onUserLinkConflict', sub, () => hook(conflict));
      }
      return 'conflict';
    },
  };
}

/** The error a host's explicit `users.link` gets when the principal is linked to another user. */
export function linkConflictError(current: string): BrokerError {
  return new BrokerError({
    code: 'user_link_conflict',
    message:
      'This principal is already linked to another Dots user; pass { replace: true } to replace it.',
    details: { current_dots_user_id: current },
  });
}
