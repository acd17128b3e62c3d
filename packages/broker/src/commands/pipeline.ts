import type { z } from 'zod';
import type { BrokerDotsClient, DotsCallOptions, DotsResource } from '../dots-client';
import { rethrowTyped } from '../errors';
import {
  freshIdempotencyKey,
  hashRequest,
  type IdempotentResult,
  scopedIdempotencyKey,
  upstreamIdempotencyKey,
} from '../idempotency';
import { parseInput } from '../schemas';
import type { CreateRecords } from '../store/commit-port';
import type { ResourceKind } from '../store/ports';
import { clientKeyBodySchema } from './client-key';
import type { Body, Caller, CommandContext } from './context';
import { checkPayoutCap } from './limits';
import { callDots, callOptions } from './upstream';

/** One create command: the parts that differ between resources. The pipeline is the rest. */
export interface CreateCommand {
  /** Namespaces idempotency keys and names the upstream operation (`${name}.create`). */
  name: 'flows' | 'payoutLinks' | 'transfers' | 'payouts' | 'payoutBatches' | 'users';
  kind: ResourceKind;
  /** The body schema for each door; `undefined` = not open to that door. */
  schemas: { browser?: z.ZodType; server: z.ZodType };
  /** Host defaults and the linked Dots user, added after hashing. Default: none. */
  prepare?(ctx: CommandContext, caller: Caller, body: Body): Promise<Body>;
  /** Amounts the request moves, for the payout cap. Default: none. */
  amounts?(body: Body): number[];
  /** The upstream call. */
  call(client: BrokerDotsClient, body: Body, options: DotsCallOptions): Promise<unknown>;
  /**
   * What the create records besides the resource's own owner row, committed with it and
   * the idempotency record in one store transaction: related owners, states, events.
   */
  records(owner: string, resource: DotsResource): CreateRecords;
  /**
   * Work outside the store transaction, done before it commits (a failure fails the
   * create, and its retry runs it again). Default: none.
   */
  beforeCommit?(ctx: CommandContext, owner: string, resource: DotsResource): Promise<void>;
}

/** Throws a TypeError unless `principal` is a full principal object. */
export function assertPrincipal(principal: unknown): asserts principal is Caller['principal'] {
  const p = principal as Caller['principal'] | undefined;
  if (!p || typeof p !== 'object' || typeof p.sub !== 'string' || p.sub.length === 0) {
    throw new TypeError(
      '[dotskit] pass a principal object ({ sub, scopes, maxPayoutCents? }); a bare sub string is not accepted, so that a payout cap is never skipped silently.',
    );
  }
}

/**
 * The one create pipeline: validate → hash the client's body → host defaults and linked
 * user → payout cap → idempotent upstream call → one store transaction: the response, the
 * owner, related records and events.
 * A database that is down surfaces as a 503 BrokerError, never as a driver error.
 */
export async function runCreate(
  ctx: CommandContext,
  command: CreateCommand,
  caller: Caller,
  input: unknown,
): Promise<IdempotentResult> {
  assertPrincipal(caller.principal);
  const schema = command.schemas[caller.via];
  if (!schema) throw new TypeError(`[dotskit] ${command.name}.create is server-side only`);
  const { idempotency_key: bodyKey, ...rest } =
    input && typeof input === 'object' && !Array.isArray(input) ? (input as Body) : {};
  const clientKey =
    parseInput(clientKeyBodySchema, { idempotency_key: caller.idempotencyKey ?? bodyKey })
      .idempotency_key ?? undefined;
  const body = parseInput(schema, input && typeof input === 'object' ? rest : input) as Body;
  // "The same request" is what the caller sent, not what the broker adds to it (a linked
  // Dots user may appear between a call and its retry).
  const requestHash = hashRequest(body);
  try {
    await ctx.ready();
    const payload = command.prepare ? await command.prepare(ctx, caller, body) : body;
    checkPayoutCap(caller, command.amounts?.(payload) ?? [], ctx.browser.maxPayoutCents);
    const owner = caller.principal.sub;
    const key = scopedIdempotencyKey(owner, command.name, clientKey ?? freshIdempotencyKey());
    return await ctx.runIdempotent(key, requestHash, async () => {
      const options = callOptions(caller, upstreamIdempotencyKey(key));
      const resource = await callDots(ctx, `${command.name}.create`, () =>
        command.call(ctx.client, payload, options),
      );
      await command.beforeCommit?.(ctx, owner, resource);
      const records = command.records(owner, resource);
      const owners = [{ kind: command.kind, id: resource.id, owner }, ...(records.owners ?? [])];
      return { status: 201, body: resource, records: { ...records, owners } };
    });
  } catch (err) {
    rethrowTyped(err);
  }
}
