import type { BrokerProcess } from './lib/broker-process';
import { percentile } from './lib/http';

/** The soak's flatness targets (issue 18): RSS growth after warm-up and p99 drift. */
export const SOAK_TARGETS = { rssGrowth: 0.1, p99Drift: 1.2 } as const;

/**
 * Length of the first and the last window compared for p99 drift: a minute, or half the
 * run when the run is shorter than two minutes (the 60 s CI variant compares its halves).
 */
export function driftWindowSeconds(measuredSeconds: number): number {
  return Math.min(60, Math.floor(measuredSeconds / 2));
}

/** p99 of the first and the last window of a measured run and their ratio (last ÷ first). */
export interface P99Drift {
  windowSeconds: number;
  firstP99Ms: number;
  lastP99Ms: number;
  ratio: number;
  met: boolean;
}

/**
 * Compares the p99 latency of the first `windowSeconds` of the measured run with that of
 * its last `windowSeconds`. `atS[i]` is when request `i` finished (seconds since the
 * measured run started), `ms[i]` its latency; `elapsedS` the run's length. Throws a
 * TypeError when either window holds no request: a drift figure from nothing is no figure.
 */
export function p99Drift(
  atS: readonly number[],
  ms: readonly number[],
  elapsedS: number,
  windowSeconds = driftWindowSeconds(elapsedS),
): P99Drift {
  if (atS.length !== ms.length) throw new TypeError('[dotskit] soak: one time per latency');
  const first: number[] = [];
  const last: number[] = [];
  atS.forEach((t, i) => {
    if (t <= windowSeconds) first.push(ms[i] as number);
    if (t >= elapsedS - windowSeconds) last.push(ms[i] as number);
  });
  if (first.length === 0 || last.length === 0) {
    throw new TypeError('[dotskit] soak: a drift window holds no request; run longer');
  }
  const firstP99Ms = percentile(first, 99);
  const lastP99Ms = percentile(last, 99);
  const ratio = lastP99Ms / firstP99Ms;
  return { windowSeconds, firstP99Ms, lastP99Ms, ratio, met: ratio <= SOAK_TARGETS.p99Drift };
}

/** `met` or `MISSED`, as the soak prints a target next to its figure. */
export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

/** The broker's RSS, mean of three samples 1 s apart: RSS moves with every GC. */
export async function meanRss(p: Pick<BrokerProcess, 'rss'>): Promise<number> {
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    if (i > 0) await new Promise<void>((r) => setTimeout(r, 1000));
    sum += p.rss();
  }
  return sum / 3;
}

/** The samples at 25, 50, 75 and 100 % of a run (nearest sample). */
export function quartiles(samples: readonly number[]): number[] {
  return [0.25, 0.5, 0.75, 1].map(
    (q) => samples[Math.min(samples.length - 1, Math.round(q * (samples.length - 1)))] ?? 0,
  );
}
