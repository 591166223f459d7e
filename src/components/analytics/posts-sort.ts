import type { PostAnalytics } from '../../../integration/analytics/index.ts';

export const SORT_COLUMNS = {
  date: { label: 'Date', value: (post: PostAnalytics) => Date.parse(post.timestamp) },
  kind: { label: 'Type', value: (post: PostAnalytics) => post.kind },
  likes: { label: 'Likes', value: (post: PostAnalytics) => post.metrics.likes },
  comments: { label: 'Comments', value: (post: PostAnalytics) => post.metrics.comments },
  saves: { label: 'Saves', value: (post: PostAnalytics) => post.metrics.saves },
  shares: { label: 'Shares', value: (post: PostAnalytics) => post.metrics.shares },
  views: { label: 'Views', value: (post: PostAnalytics) => post.metrics.views },
  reach: { label: 'Reach', value: (post: PostAnalytics) => post.metrics.reach },
  engagement: { label: 'Engagement', value: (post: PostAnalytics) => post.engagementRate },
} as const;

export type SortColumn = keyof typeof SORT_COLUMNS;
export type SortDirection = 'asc' | 'desc';

export function sortColumn(value: string | null): SortColumn {
  return value && value in SORT_COLUMNS ? (value as SortColumn) : 'date';
}

/** The posts ordered by a column; posts without the number go last either way. */
export function sortPosts(
  posts: PostAnalytics[],
  column: SortColumn,
  direction: SortDirection,
): PostAnalytics[] {
  const value = SORT_COLUMNS[column].value;
  const sign = direction === 'asc' ? 1 : -1;
  return [...posts].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}
