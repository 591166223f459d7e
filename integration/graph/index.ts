export {
  createGraphAgent,
  GraphClient,
  type GraphClientOptions,
  type GraphLogger,
} from './client.ts';
export { classifyGraphError, GraphError, type GraphErrorCategory } from './errors.ts';
export { parseJson } from './json.ts';
export { getChildren, getMedia, listMedia, MEDIA_CHILD_FIELDS, MEDIA_FIELDS } from './media.ts';
export type {
  GraphMedia,
  GraphMediaChild,
  GraphMediaProductType,
  GraphMediaType,
  ListMediaOptions,
} from './media.ts';
export type { GraphPage } from './paging.ts';
export type { GraphParams } from './urls.ts';
export { redact } from './redact.ts';
export { parseUsageHeaders, type GraphBusinessUsage, type GraphUsage } from './usage.ts';
export {
  getMe,
  getMeById,
  getUser,
  ME_FIELDS,
  USER_FIELDS,
  type GraphMe,
  type GraphProfile,
} from './user.ts';
export {
  exchangeCode,
  exchangeForLongLived,
  refreshLongLived,
  type LongLivedToken,
  type ShortLivedToken,
} from './tokens.ts';
export {
  debugToken,
  exchangeFacebookCode,
  exchangeFacebookToken,
  findInstagramPages,
  type InstagramPage,
  type TokenDescription,
} from './facebook-login.ts';
export {
  createContainer,
  getContainerStatus,
  getPermalink,
  getPublishingLimit,
  publishContainer,
  type ContainerParams,
  type ContainerStatus,
  type ContainerStatusCode,
  type PublishingLimit,
} from './publishing.ts';
