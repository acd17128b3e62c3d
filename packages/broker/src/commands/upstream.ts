import type { DotsCallOptions, DotsResource } from '../dots-client';
import { BrokerError } from '../errors';
import { mapUpstreamError } from '../upstream-errors';
import type { Caller, CommandContext } from './context';

function asResource(value: unknown, operation: string): DotsResource {
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string')
    return value as DotsResource;
  throw new BrokerError({
    code: 'upstream_error',
    message: `Dots answered ${operation} without an id.`,
    cause: value,
  });
}

/** Calls Dots as `operation` (timed), expecting a resource; errors become BrokerErrors. */
export async function callDots(
  ctx: Pick<CommandContext, 'metrics'>,
  operation: string,
  fn: () => Promise<unknown>,
): Promise<DotsResource> {
  try {
    return asResource(await ctx.metrics.timeUpstream(operation, fn), operation);
  } catch (err) {
    throw mapUpstreamError(err);
  }
}

/** The per-call options a caller's request gives a Dots call. */
export function callOptions(caller: Caller, idempotencyKey?: string): DotsCallOptions {
  const options: DotsCallOptions = {};
  if (idempotencyKey) options.idempotencyKey = idempotencyKey;
  if (caller.userIp) options.userIp = caller.userIp;
  if (caller.signal) options.signal = caller.signal;
  return options;
}
