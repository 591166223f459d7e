import type { GraphClient } from './client.ts';

/** Fields of a carousel child, requested through `children{…}` expansion (no call per carousel). */
export const MEDIA_CHILD_FIELDS = 'id,media_type,media_url,thumbnail_url,alt_text';

/** Every media field a gallery shows, carousel children included. */
export const MEDIA_FIELDS =
  'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,shortcode,timestamp,' +
  `username,alt_text,like_count,comments_count,children{${MEDIA_CHILD_FIELDS}}`;

/** Reels are `VIDEO` with `media_product_type` `REELS`; stories are `IMAGE`/`VIDEO` with `STORY`. */
export type GraphMediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
export type GraphMediaProductType = 'AD' | 'FEED' | 'STORY' | 'REELS';

/** A carousel child as the API returns it. Children have no permalink, caption or counts. */
export interface GraphMediaChild {
  id: string;
  media_type: GraphMediaType;
  /** Omitted when the media contains copyrighted material. */
  media_url?: string;
  /** Video only. */
  thumbnail_url?: string;
  alt_text?: string;
  timestamp?: string;
}

/** An IG Media node as the API returns it for `MEDIA_FIELDS`. */
export interface GraphMedia {
  id: string;
  caption?: string;
  media_type: GraphMediaType;
  media_product_type?: GraphMediaProductType;
  /** A signed CDN URL that expires within days; for a carousel, the first child's. Omitted for copyrighted media. */
  media_url?: string;
  /** Video only. */
  thumbnail_url?: string;
  permalink?: string;
  shortcode?: string;
  /** `2026-04-29T18:22:41+0000`. */
  timestamp: string;
  username?: string;
  alt_text?: string;
  /** Omitted when the owner hides like counts. */
  like_count?: number;
  comments_count?: number;
  /** Carousels only. */
  children?: { data: GraphMediaChild[] };
}

export interface ListMediaOptions {
  /** The IG user id; `me` (the token's account) when absent. */
  userId?: string;
  /** Page size. Default 100, the largest Graph is known to honour. */
  limit?: number;
  /** Only media created at or after this (a `Date`, unix seconds, or a string Graph understands). */
  since?: Date | number | string;
  /** Only media created before this. */
  until?: Date | number | string;
  fields?: string;
}

/** The account's media, newest first, one page at a time (stories are not included). */
export function listMedia(
  client: GraphClient,
  options: ListMediaOptions = {},
): AsyncGenerator<GraphMedia[], void, unknown> {
  const { userId = 'me', limit = 100, since, until, fields = MEDIA_FIELDS } = options;
  return client.paginate<GraphMedia>(`/${encodeURIComponent(userId)}/media`, {
    fields,
    limit,
    since: toGraphTime(since),
    until: toGraphTime(until),
  });
}

/** One media node. */
export function getMedia(
  client: GraphClient,
  id: string,
  fields: string = MEDIA_FIELDS,
): Promise<GraphMedia> {
  return client.get<GraphMedia>(`/${encodeURIComponent(id)}`, { fields });
}

/** A carousel's children, every page. */
export async function getChildren(
  client: GraphClient,
  id: string,
  fields: string = MEDIA_CHILD_FIELDS,
): Promise<GraphMediaChild[]> {
  const children: GraphMediaChild[] = [];
  for await (const page of client.paginate<GraphMediaChild>(`/${encodeURIComponent(id)}/children`, {
    fields,
  })) {
    children.push(...page);
  }
  return children;
}

/** Graph's `since`/`until` take unix seconds. */
function toGraphTime(value: Date | number | string | undefined): number | string | undefined {
  return value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
}
