import type { DotsPage, ListParams } from '../schemas/common';

/**
 * Walks a list endpoint forward: yields every item of each page, then asks for the
 * next page with `starting_after` = the last item's `id`, until `has_more` is false.
 * Pages are fetched lazily, one at a time.
 */
export async function* paginate<
  T extends { id?: string | number | null | undefined },
  P extends ListParams,
>(list: (params: P) => Promise<DotsPage<T>>, params: P): AsyncGenerator<T, void, undefined> {
  if (params.ending_before !== undefined) {
    throw new TypeError(
      '[dotskit] iterate() walks forward with starting_after; use list() with ending_before instead.',
    );
  }
  let cursor = params.starting_after;
  for (;;) {
    const page = await list({ ...params, starting_after: cursor });
    yield* page.data;
    if (!page.has_more || page.data.length === 0) return;
    const last = page.data[page.data.length - 1]?.id;
    if (last === undefined || last === null || last === '')
      throw new TypeError('[dotskit] Cannot paginate: the last item of the page has no id.');
    // Transaction ids are integers; cursors are sent as strings.
    cursor = String(last);
  }
}
