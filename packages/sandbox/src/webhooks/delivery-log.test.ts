import { describe, expect, it } from 'vitest';
import { createDeliveryLog, MAX_LOG } from './delivery-log';

interface Entry {
  n: number;
  status: string;
}

/** The log's rule applied to a whole history at once: the oldest finished beyond `max` go. */
function expected(history: Entry[], max: number): Entry[] {
  let excess = history.length - max;
  return history.filter((e) => e.status === 'pending' || excess-- <= 0);
}

describe('webhook delivery log', () => {
  it('keeps the last max deliveries and every pending one, however old', () => {
    const log = createDeliveryLog<Entry>(5, 3);
    for (let n = 0; n < 10; n++) log.push({ n, status: n < 2 ? 'pending' : 'succeeded' });
    expect(log.list().map((e) => e.n)).toEqual([0, 1, 7, 8, 9]);
  });

  it('shows the same deliveries whether or not it has compacted since', () => {
    const log = createDeliveryLog<Entry>(5, 3);
    const history: Entry[] = [];
    for (let n = 0; n < 40; n++) {
      const entry = { n, status: n % 7 === 0 ? 'pending' : 'failed' };
      history.push(entry);
      log.push(entry);
      expect(log.list()).toEqual(expected(history, 5));
    }
    log.clear();
    expect(log.list()).toEqual([]);
  });

  it('costs O(1) per delivery on average once full, not a pass over the whole log', () => {
    // Counts how often the log looks at a delivery's status: compacting on every push
    // past the bound (10,000 looks per webhook) would cost a long soak more per webhook
    // the longer it ran.
    let looks = 0;
    const counted = (n: number): Entry => ({
      n,
      get status() {
        looks++;
        return 'succeeded';
      },
    });
    const log = createDeliveryLog<Entry>();
    const pushes = MAX_LOG * 3;
    for (let n = 0; n < pushes; n++) log.push(counted(n));
    // 11,000 looks per compaction, one compaction per 1,000 pushes past the bound.
    expect(looks / pushes).toBeLessThan(20);
    expect(log.list().map((e) => e.n)).toEqual(
      Array.from({ length: MAX_LOG }, (_, i) => pushes - MAX_LOG + i),
    );
  });
});
