// What a site's own server-rendered pages need of the server (the reference site's /admin pages
// use it through `astro-instagram-sync/server`): the shared services, and the flash message that
// form handlers leave for the page they redirect to.
export { getServices, type Services } from './services.ts';
export { startBackgroundWork } from './background.ts';
export { FLASH_KEY, type Flash } from './respond.ts';
export { eventReportFor } from './event-reports.ts';
export {
  accessCookieName,
  canRead,
  readForm,
  privateLink,
  readAccess,
  unlock,
  type ReadAccess,
  type RefusalReason,
  type UnlockOutcome,
} from './private-gate.ts';
export { privatePhotos } from './private-photos.ts';
export { privateFeedResponse } from './private-feed.ts';
export {
  flashOfOutcome,
  outcomeFromFlash,
  webhookFormAction,
  type WebhookFormFlash,
  type WebhookFormOutcome,
} from './outgoing-admin.ts';
export { RequestInputError } from './request-input.ts';
export { OUTGOING_EVENT_TYPES } from '../outgoing/index.ts';
