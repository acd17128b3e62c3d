import { webhookEventSchema } from '@dotskit/api';
import { openStore } from '@dotskit/broker';
import { tokenFor } from './jwt';
import { openEvents, type SseEvent } from './sse';
import type { WebhookRelay } from './webhook-relay';
import type { Created } from './workload';

/** Result of the "nothing lost" check. */
export interface LossReport {
  /** Distinct svix ids the broker acknowledged with a 2xx. */
  acknowledged: number;
  /** Acknowledged but absent from the store. */
  notStored: number;
  /** Acknowledged events about an owned resource that did not reach the owner's live stream. */
  missingLive: number;
  /** … nor the owner's replay (`Last-Event-ID: 0`). */
  missingReplay: number;
  /** Resource ids with a missing event (for the report). */
  examples: string[];
  /** Of the missing ones: webhooks the broker acknowledged before the creating client got its 201. */
  ackedBeforeCreate: number;
  /** Stored events the broker has not finished processing (published or given up on). */
  unprocessed: number;
}

/**
 * The flow, payout link or transfer a webhook body is about, as the broker's receiver reads
 * it (`webhookEventSchema`'s `subject`); `undefined` for anything the broker does not publish.
 */
export function webhookResourceId(body: Record<string, unknown>): string | undefined {
  const subject = webhookEventSchema.safeParse(body).data?.subject;
  return subject && subject.kind !== 'user' && subject.kind !== 'app' ? subject.id : undefined;
}

/** Events a resource's stream must hold besides one per webhook: the broker publishes on create. */
function baseline(c: Created, created: Map<string, Created>): number {
  if (c.kind !== 'flow') return 1;
  for (const other of created.values()) if (other.flowId === c.id) return 0;
  return 1;
}

function missing(
  events: SseEvent[],
  needs: Map<string, number>,
  created: Map<string, Created>,
  examples: Set<string>,
): number {
  const seen = new Map<string, number>();
  for (const e of events) {
    if (e.event === 'flow.completed') continue;
    const id = (e.data as { id?: unknown } | null)?.id;
    if (typeof id === 'string') seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  let lost = 0;
  for (const [id, n] of needs) {
    const c = created.get(id) as Created;
    const gap = n + baseline(c, created) - (seen.get(id) ?? 0);
    if (gap > 0) {
      lost += gap;
      examples.add(`${c.kind}:${id}`);
    }
  }
  return lost;
}

/**
 * Checks that every webhook the broker acknowledged is in its store (probed through the
 * store's own dedupe: inserting an acknowledged svix id again must report "seen before")
 * and that each one about a resource a principal owns produced an event on that
 * principal's live stream and on a full replay.
 */
export async function checkNothingLost(opts: {
  relay: WebhookRelay;
  created: Map<string, Created>;
  databaseUrl: string;
  brokerUrl: string;
  live: Map<string, SseEvent[]>;
}): Promise<LossReport> {
  const { relay, created } = opts;
  const acked = relay.acknowledged();
  const store = openStore(opts.databaseUrl);
  await store.init();
  let notStored = 0;
  const needs = new Map<string, Map<string, number>>();
  // Counted before the probe below, which stores (unprocessed) any acked id that is missing.
  const unprocessed = await store.countPendingJobs(365 * 86_400_000);
  try {
    for (const svixId of acked) {
      const d = relay.deliveries.get(svixId);
      // A job id that is free means the acked event was never stored (the probe stores it).
      const inserted = await store.enqueueJob(
        {
          id: `webhook:${svixId}`,
          kind: 'webhook',
          payload: { type: 'hardening.probe', payload: {} },
        },
        { dueInMs: 365 * 86_400_000 },
      );
      if (inserted) notStored++;
      const rid = d ? webhookResourceId(d.body) : undefined;
      const owner = rid ? created.get(rid)?.owner : undefined;
      if (!rid || !owner) continue;
      const perOwner = needs.get(owner) ?? new Map<string, number>();
      perOwner.set(rid, (perOwner.get(rid) ?? 0) + 1);
      needs.set(owner, perOwner);
    }
  } finally {
    await store.close();
  }
  const examples = new Set<string>();
  let missingLive = 0;
  let missingReplay = 0;
  for (const [owner, perOwner] of needs) {
    missingLive += missing(opts.live.get(owner) ?? [], perOwner, created, examples);
    const replay = await openEvents(opts.brokerUrl, tokenFor(owner), 0);
    // The replay is complete once the newest live id (or a heartbeat-free pause) is reached.
    const newest = Math.max(0, ...(opts.live.get(owner) ?? []).map((e) => e.id ?? 0));
    await replay.waitFor((e) => (e.id ?? 0) >= newest, 10_000).catch(() => undefined);
    replay.close();
    missingReplay += missing(replay.events, perOwner, created, examples);
  }
  let ackedBeforeCreate = 0;
  for (const example of examples) {
    const id = example.slice(example.indexOf(':') + 1);
    const c = created.get(id);
    for (const d of relay.deliveries.values())
      if (c && webhookResourceId(d.body) === id && d.ackedAt !== undefined && d.ackedAt < c.at)
        ackedBeforeCreate++;
  }
  return {
    acknowledged: acked.length,
    notStored,
    missingLive,
    missingReplay,
    examples: [...examples].slice(0, 5),
    ackedBeforeCreate,
    unprocessed,
  };
}
