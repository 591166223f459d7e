/**
 * Every on-demand route the integration injects. The middleware guards them by path prefix
 * (`/api/admin/`, `/api/instagram/`, `/admin`), and the tests walk this list, so a new route
 * belongs here.
 */
export const SERVER_ROUTES = [
  { pattern: '/api/admin/login', file: 'admin-login.ts', methods: ['POST'], public: true },
  { pattern: '/api/admin/logout', file: 'admin-logout.ts', methods: ['POST'] },
  { pattern: '/api/instagram/token/status', file: 'token-status.ts', methods: ['GET'] },
  { pattern: '/api/instagram/token/refresh', file: 'token-refresh.ts', methods: ['POST'] },
  {
    pattern: '/api/instagram/token/store-environment',
    file: 'token-store-environment.ts',
    methods: ['POST'],
  },
  { pattern: '/api/instagram/oauth/start', file: 'oauth-start.ts', methods: ['GET'] },
  { pattern: '/api/instagram/oauth/callback', file: 'oauth-callback.ts', methods: ['GET'] },
  {
    pattern: '/api/instagram/oauth/facebook/start',
    file: 'facebook-oauth-start.ts',
    methods: ['GET'],
  },
  {
    pattern: '/api/instagram/oauth/facebook/callback',
    file: 'facebook-oauth-callback.ts',
    methods: ['GET'],
  },
  { pattern: '/api/instagram/analytics', file: 'analytics.ts', methods: ['GET'] },
  { pattern: '/api/instagram/analytics/picture', file: 'analytics-picture.ts', methods: ['GET'] },
  { pattern: '/api/instagram/accounts', file: 'accounts.ts', methods: ['GET'] },
  { pattern: '/api/instagram/accounts/[id]', file: 'account.ts', methods: ['DELETE', 'POST'] },
  { pattern: '/api/publish', file: 'publish.ts', methods: ['GET', 'POST'] },
  { pattern: '/api/publish/sources', file: 'publish-sources.ts', methods: ['GET'] },
  { pattern: '/api/publish/thumbnail', file: 'publish-sources.ts', methods: ['GET'] },
  { pattern: '/api/publish/uploads', file: 'publish-upload.ts', methods: ['POST'] },
  { pattern: '/api/publish/[id]', file: 'publish-job.ts', methods: ['GET'] },
  { pattern: '/api/publish/[id]/retry', file: 'publish-retry.ts', methods: ['POST'] },
  { pattern: '/api/admin/moderation', file: 'moderation.ts', methods: ['GET', 'POST'] },
  { pattern: '/api/admin/moderation/photo', file: 'moderation-photo.ts', methods: ['GET'] },
  {
    pattern: '/api/admin/moderation/tagged',
    file: 'moderation-tagged.ts',
    methods: ['GET', 'POST'],
  },
  { pattern: '/api/admin/events/[event]/report', file: 'event-report.ts', methods: ['GET'] },
  { pattern: '/api/admin/webhooks', file: 'outgoing-webhooks.ts', methods: ['GET', 'POST'] },
  {
    pattern: '/api/admin/webhooks/[id]',
    file: 'outgoing-webhook.ts',
    methods: ['DELETE', 'POST'],
  },
  {
    pattern: '/api/admin/webhooks/[id]/rotate',
    file: 'outgoing-webhook-rotate.ts',
    methods: ['POST'],
  },
  {
    pattern: '/api/admin/webhooks/deliveries/[seq]/replay',
    file: 'outgoing-webhook-replay.ts',
    methods: ['POST'],
  },
  // Public by design: guests have no login. Rate-limited per address, refused outside an event's
  // upload window, and protected from cross-site posts by the middleware like every other route.
  {
    pattern: '/api/guest/[event]/uploads',
    file: 'guest-upload-start.ts',
    methods: ['POST'],
    public: true,
  },
  {
    pattern: '/api/guest/[event]/uploads/[id]',
    file: 'guest-upload-file.ts',
    methods: ['PUT'],
    public: true,
  },
  {
    pattern: '/api/guest/[event]/uploads/[id]/complete',
    file: 'guest-upload-complete.ts',
    methods: ['POST'],
    public: true,
  },
  // Public by design: guests of a private event have no login; the route asks the event's gate
  // (its password's or link's cookie, or `?k=`), and only serves approved photos of private events.
  { pattern: '/g/[event]/photos/[name]', file: 'private-photo.ts', methods: ['GET'], public: true },
  // Public by design, like the gallery pages: the live slideshow polls the photos approved
  // since the build. Only approved photos, of an event viewableEvent lets through.
  {
    pattern: '/api/slideshow/[event]',
    file: 'slideshow-photos.ts',
    methods: ['GET'],
    public: true,
  },
  {
    pattern: '/api/slideshow/[event]/[name]',
    file: 'slideshow-photo.ts',
    methods: ['GET'],
    public: true,
  },
  // Public by design, like the live page it serves: only pictures of posts that page shows now
  // (a live, non-private event), fetched from Instagram's CDN once into a bounded cache.
  {
    pattern: '/g/[event]/live/media/[item]',
    file: 'live-media.ts',
    methods: ['GET'],
    public: true,
  },
  // Public by design: Instagram fetches media to publish from here; the URL's signature is the access check.
  { pattern: '/api/media/[file]', file: 'signed-media.ts', methods: ['GET'], public: true },
  // Public by design, as the gallery it downloads; findEventDownload is where a gate would go.
  { pattern: '/g/[event]/photos.zip', file: 'event-zip.ts', methods: ['GET'], public: true },
  // Public by design: Meta calls it; the verify token (GET) and X-Hub-Signature-256 (POST) are the access check.
  {
    pattern: '/api/instagram/webhook',
    file: 'instagram-webhook.ts',
    methods: ['GET', 'POST'],
    public: true,
  },
] as const;

export type ServerRoute = (typeof SERVER_ROUTES)[number];

/** The route of a pattern as Astro names it (`context.routePattern`), if it is one of ours. */
export function serverRouteOf(pattern: string): ServerRoute | undefined {
  return SERVER_ROUTES.find((route) => route.pattern === pattern);
}

/** The route a request path falls on (a trailing slash ignored), for code that runs before Astro routes it. */
export function serverRouteAt(pathname: string): ServerRoute | undefined {
  const path = pathname.replace(/\/+$/, '');
  return SERVER_ROUTES.find((route) =>
    new RegExp(`^${route.pattern.replace(/\[\w+\]/g, '[^/]+')}$`).test(path),
  );
}

/** What an `Allow` header lists for the route: its methods, and HEAD wherever GET is. */
export function allowedMethods(route: ServerRoute): string[] {
  const methods: string[] = [...route.methods];
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}
