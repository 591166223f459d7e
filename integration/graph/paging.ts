/** One page of a Graph list edge (Graph API "Paginated Results"). */
export interface GraphPage<T> {
  data: T[];
  paging?: {
    cursors?: { before?: string; after?: string };
    /** Omitted on the last page; embeds the access token in plain text. */
    next?: string;
    previous?: string;
  };
}

/**
 * Yields each page's `data`, following `paging.next` until a page has none. A page may be
 * empty and still have a `next`, so only the missing `next` ends the walk. A `next` seen before
 * also ends it, rather than looping forever. Nothing more is fetched once the consumer stops.
 */
export async function* walkPages<T>(
  firstPage: () => Promise<GraphPage<T>>,
  pageAt: (nextUrl: string) => Promise<GraphPage<T>>,
): AsyncGenerator<T[], void, unknown> {
  const seen = new Set<string>();
  let page = await firstPage();
  for (;;) {
    yield page.data;
    const next = page.paging?.next;
    if (next === undefined || next === '' || seen.has(next)) return;
    seen.add(next);
    page = await pageAt(next);
  }
}
