import type { GraphClient } from './client.ts';

/** Container parameters of `POST /{ig-user-id}/media` (graph-api.md §5.2). */
export interface ContainerParams {
  image_url?: string;
  video_url?: string;
  /** Omitted for a single image; `VIDEO` only for carousel items. */
  media_type?: 'REELS' | 'STORIES' | 'CAROUSEL' | 'VIDEO';
  is_carousel_item?: boolean;
  /** Carousel children: 2–10 container ids. */
  children?: string[];
  caption?: string;
  alt_text?: string;
  share_to_feed?: boolean;
  cover_url?: string;
}

export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

export interface ContainerStatus {
  id: string;
  statusCode: ContainerStatusCode;
  /** e.g. "Error: Media upload has failed with error code 2207052". */
  status?: string;
}

export interface PublishingLimit {
  used: number;
  total: number;
  durationSeconds: number;
}

/** Creates a media container; Instagram fetches the media from its URL. Not retried here. */
export async function createContainer(
  client: GraphClient,
  userId: string,
  params: ContainerParams,
): Promise<string> {
  const { children, ...rest } = params;
  const body = await client.post<{ id: string }>(`/${userId}/media`, {
    ...rest,
    ...(children && { children: children.join(',') }),
  });
  return String(body.id);
}

export async function getContainerStatus(
  client: GraphClient,
  containerId: string,
): Promise<ContainerStatus> {
  const body = await client.get<{ id: string; status_code: ContainerStatusCode; status?: string }>(
    `/${containerId}`,
    { fields: 'status_code,status,id' },
  );
  return {
    id: String(body.id ?? containerId),
    statusCode: body.status_code,
    ...(body.status && { status: body.status }),
  };
}

/**
 * Publishes a FINISHED container. Never retried: when the answer is lost, the container's
 * status tells whether it went live (`PUBLISHED`), so callers check it instead of posting again.
 */
export async function publishContainer(
  client: GraphClient,
  userId: string,
  containerId: string,
): Promise<string> {
  const body = await client.post<{ id: string }>(`/${userId}/media_publish`, {
    creation_id: containerId,
  });
  return String(body.id);
}

/** Posts published in the last 24 hours and the limit (`config.quota_total` is authoritative, §5.7). */
export async function getPublishingLimit(
  client: GraphClient,
  userId: string,
): Promise<PublishingLimit> {
  const body = await client.get<{
    data: { quota_usage: number; config?: { quota_total: number; quota_duration: number } }[];
  }>(`/${userId}/content_publishing_limit`, { fields: 'quota_usage,config' });
  const entry = body.data[0];
  return {
    used: entry?.quota_usage ?? 0,
    total: entry?.config?.quota_total ?? 100,
    durationSeconds: entry?.config?.quota_duration ?? 86_400,
  };
}

export async function getPermalink(
  client: GraphClient,
  mediaId: string,
): Promise<string | undefined> {
  const body = await client.get<{ permalink?: string }>(`/${mediaId}`, { fields: 'permalink' });
  return body.permalink;
}
