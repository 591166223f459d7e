import { createHmac, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { SERVER_ROUTES, type ServerRoute } from '../integration/server/routes.ts';

/** What the generators draw from: the fuzzed server's real ids, so some requests reach deep. */
export interface FuzzContext {
  accountId: string;
  events: string[];
  photos: { event: string; name: string }[];
  appSecret: string;
  verifyToken: string;
}

export type Caller = 'anonymous' | 'admin-token' | 'admin-session' | 'cross-site-session';

/** One request the fuzzer sends. */
export interface FuzzRequest {
  route: ServerRoute['pattern'];
  method: string;
  /** Path and query, already encoded. */
  path: string;
  caller: Caller;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** What a route's generator makes before the caller's credentials and the method are added. */
interface RouteInput {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Body;
}

/** A body as sent: its bytes and Content-Type (absent: no header). */
interface Body {
  bytes: Uint8Array;
  type?: string;
}

// ---------------------------------------------------------------------------------------------
// Values, valid-ish and hostile

const HOSTILE_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e309',
  'NaN',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '../../../etc/passwd',
  '..',
  '.',
  '%00',
  '\u0000',
  'a/b',
  'a\\b',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '0000-01-01',
  '9999-12-31',
  '2026-02-30',
  '-000001-01-01',
  '\u202e\u0301',
  '😀'.repeat(10),
  'é'.repeat(150),
  'a'.repeat(300),
  'A'.repeat(5000),
  '17841400000000001'.repeat(20),
  '__proto__',
  'constructor',
];

const hostileString = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40, unit: 'binary' }), weight: 1 },
  { arbitrary: fc.string({ minLength: 256, maxLength: 400, unit: 'grapheme-ascii' }), weight: 1 },
);

/** A value for a field: the valid ones given, or something hostile. */
function field(valid: fc.Arbitrary<string>, hostileWeight = 1): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: valid, weight: 2 },
    { arbitrary: hostileString, weight: hostileWeight },
  );
}

const uuid = fc.oneof(fc.uuid({ version: 4 }), fc.constant(randomUUID()));
const isoDate = fc
  .date({ min: new Date('1960-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

function ids(context: FuzzContext) {
  return {
    account: field(fc.constantFrom(context.accountId, '17841400000000009', '1')),
    event: field(fc.constantFrom(...context.events, 'no-such-event')),
    photo: field(fc.constantFrom(...context.photos.map((photo) => photo.name), 'missing.jpg')),
    /** An event and one of its own photos, so some requests find the photo. */
    eventPhoto: fc.constantFrom(...context.photos, { event: 'no-such-event', name: 'missing.jpg' }),
    media: field(fc.constantFrom('17918195224117851', '1', '99999999999999999')),
    uuid: field(uuid.map(String)),
    date: field(isoDate),
    flag: field(fc.constantFrom('1', '0', 'true', 'false')),
    endpoint: field(fc.constantFrom('ep_0123456789abcdef', 'ep_', 'ep_0123456789ABCDEF')),
    delivery: field(fc.constantFrom('1', '0', '999999999999999', '1.5', '-1')),
  };
}

// ---------------------------------------------------------------------------------------------
// Bodies

const deepJson = fc
  .record({ depth: fc.integer({ min: 60, max: 6000 }), open: fc.constantFrom('[', '{"a":') })
  .map(({ depth, open }) => {
    const close = open === '[' ? ']' : '}';
    return `${open.repeat(depth)}1${close.repeat(depth)}`;
  });

const oddJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.constantFrom('null', 'true', '0', '""', '[]', '{}', '[null]', '{"__proto__":{"x":1}}'),
  deepJson,
  fc.constantFrom('{', '{"a":', '[1,2', '\u0000', '{"a":1}garbage', 'nul'),
  fc.string({ maxLength: 100 }),
);

/** A JSON body built from `valid` objects, sometimes with a field made hostile, or odd JSON. */
function jsonBody(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Body> {
  const hostileField = fc
    .record({
      object: valid,
      key: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('__proto__')),
      value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString),
    })
    .map(({ object, key, value }) => ({ ...object, [key]: value }));
  const text = fc.oneof(
    { arbitrary: valid.map((value) => JSON.stringify(value)), weight: 3 },
    { arbitrary: hostileField.map((value) => JSON.stringify(value)), weight: 2 },
    { arbitrary: oddJson, weight: 2 },
  );
  return fc.record({ text, type: contentType('application/json') }).map(({ text, type }) => ({
    bytes: Buffer.from(text),
    ...(type !== undefined && { type }),
  }));
}

/** The content type a body should have, or sometimes a wrong one, or none. */
function contentType(right: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(right), weight: 6 },
    {
      arbitrary: fc.constantFrom(
        undefined,
        'text/plain',
        'application/xml',
        'application/json; charset=utf-16',
        'multipart/form-data',
        'multipart/form-data; boundary=xyz',
        'application/x-www-form-urlencoded',
        'image/jpeg',
        '*/*',
        ';;;',
        'application/octet-stream',
      ),
      weight: 2,
    },
  );
}

function formBody(valid: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<Body> {
  const urlEncoded = valid.map((fields) => ({
    bytes: Buffer.from(new URLSearchParams(fields).toString()),
    type: 'application/x-www-form-urlencoded',
  }));
  const multipart = fc.record({ fields: valid, broken: fc.boolean() }).map(({ fields, broken }) => {
    const boundary = 'fuzzboundary';
    const parts = Object.entries(fields).map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    const text = `${parts.join('')}--${boundary}--\r\n`;
    return {
      bytes: Buffer.from(broken ? text.slice(0, Math.floor(text.length / 2)) : text),
      type: `multipart/form-data; boundary=${boundary}`,
    };
  });
  return fc.oneof(urlEncoded, multipart);
}

const rawBody: fc.Arbitrary<Body> = fc
  .record({
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.constantFrom(
        Buffer.from('000000016674797069736f6d', 'hex'), // a 64-bit box size with no room for it
        Buffer.from('0000000c6674797069736f6d', 'hex'), // a bare ftyp
        Buffer.from('00000018667479706973366d', 'hex'),
        Buffer.from('00000008667265650000000000000001', 'hex'),
        Buffer.from('ffd8ffe000104a464946', 'hex'), // a JPEG's first bytes only
        Buffer.from('89504e470d0a1a0a', 'hex'), // a PNG signature only
        Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBP'),
      ),
    ),
    type: contentType('application/octet-stream'),
  })
  .map(({ bytes, type }) => ({ bytes, ...(type !== undefined && { type }) }));

/** Some bodies for every route: too large, empty, of the wrong kind. */
const anyBody: fc.Arbitrary<Body | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 4 },
  { arbitrary: jsonBody(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue())), weight: 2 },
  { arbitrary: rawBody, weight: 1 },
  {
    arbitrary: fc.constantFrom(1024 * 1024 + 1, 2 * 1024 * 1024).map((size) => ({
      bytes: Buffer.alloc(size, 0x20),
      type: 'application/json',
    })),
    weight: 1,
  },
);

// ---------------------------------------------------------------------------------------------
// Route by route

function routeInputs(
  context: FuzzContext,
): Record<ServerRoute['pattern'], fc.Arbitrary<RouteInput>> {
  const id = ids(context);
  const loginFields = fc.record(
    { password: field(fc.constantFrom('wrong-password-1234')), next: field(fc.constant('/admin')) },
    { requiredKeys: [] },
  );
  const refreshFields = fc.record({ account: id.account, if_due: id.flag }, { requiredKeys: [] });
  const storeFields = fc.record({ account: id.account }, { requiredKeys: [] });
  const guestItem = fc.oneof(
    id.eventPhoto.map(({ event, name }) => ({ source: { type: 'guest', eventId: event, name } })),
    fc.record({
      source: fc.record({ type: fc.constant('guest'), eventId: id.event, name: id.photo }),
    }),
  );
  const instagramItem = fc.record({
    source: fc.record({ type: fc.constant('instagram'), mediaId: id.media }),
  });
  const uploadItem = fc.record({
    source: fc.record({ type: fc.constant('upload'), uploadId: id.uuid }),
  });
  const publishRequest = fc.record(
    {
      account: id.account,
      kind: field(fc.constantFrom('image', 'carousel', 'reel', 'story')),
      items: fc.array(fc.oneof(guestItem, instagramItem, uploadItem), { maxLength: 12 }),
      caption: field(fc.string({ maxLength: 80 })),
      hashtags: fc.array(field(fc.constantFrom('fuzz', 'gallery')), { maxLength: 3 }),
      fit: field(fc.constantFrom('refuse', 'crop', 'pad')),
      idempotencyKey: field(uuid.map(String)),
    },
    { requiredKeys: ['account', 'kind', 'items', 'idempotencyKey'] },
  );
  const moderation = fc.oneof(
    fc
      .record({ action: fc.constantFrom('approve', 'reject'), photo: id.eventPhoto })
      .map(({ action, photo }) => ({ action, event: photo.event, names: [photo.name] })),
    fc.record({
      action: field(fc.constantFrom('approve', 'reject')),
      event: id.event,
      names: fc.array(id.photo, { maxLength: 4 }),
    }),
    fc.record({
      action: fc.constant('undo'),
      event: id.event,
      photos: fc.array(
        fc.record({
          name: id.photo,
          from: field(fc.constantFrom('pending', 'approved', 'rejected')),
        }),
        { maxLength: 3 },
      ),
    }),
  );
  const taggedReview = fc.record(
    {
      action: field(fc.constantFrom('approve', 'reject', 'remove', 'restore')),
      media: fc.oneof(fc.array(id.media, { maxLength: 3 }), hostileString),
    },
    { requiredKeys: ['action'] },
  );
  const guestStart = fc.record(
    {
      fileName: field(fc.constantFrom('photo.jpg', 'IMG_0001.HEIC')),
      bytes: fc.oneof(fc.integer({ min: -5, max: 60_000_000 }), fc.double(), hostileString),
      contentType: field(fc.constantFrom('image/jpeg', 'image/heic', 'text/html')),
      uploader: field(fc.constant('Ada')),
      caption: field(fc.constant('Nice')),
    },
    { requiredKeys: [] },
  );
  const webhookDelivery = fc.oneof(
    fc.record({
      object: field(fc.constant('instagram')),
      entry: fc.array(
        fc.oneof(
          fc.record(
            {
              id: fc.oneof(id.account, fc.jsonValue({ maxDepth: 2 })),
              time: fc.oneof(fc.integer(), hostileString),
              changes: fc.array(
                fc.oneof(
                  fc.record({
                    field: fc.oneof(
                      field(fc.constantFrom('comments', 'mentions')),
                      fc.jsonValue({ maxDepth: 2 }),
                    ),
                    value: fc.jsonValue({ maxDepth: 5 }),
                  }),
                  fc.constant(null),
                ),
                { maxLength: 3 },
              ),
              messaging: fc.array(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null)), {
                maxLength: 3,
              }),
            },
            { requiredKeys: [] },
          ),
          fc.constant(null),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        { maxLength: 4 },
      ),
    }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const signedWebhookBody = fc
    .record({
      text: fc.oneof(
        { arbitrary: webhookDelivery.map((value) => JSON.stringify(value) ?? 'null'), weight: 4 },
        {
          arbitrary: deepJson.map(
            (deep) =>
              `{"object":"instagram","entry":[{"id":"1","changes":[{"field":"comments","value":${deep}}]}]}`,
          ),
          weight: 1,
        },
        { arbitrary: oddJson, weight: 1 },
      ),
      signature: fc.constantFrom('right', 'right', 'right', 'wrong', 'none'),
    })
    .map(({ text, signature }) => ({ text, signature }));
  // Receivers on a closed port of this machine: what the fuzzer adds is sent nowhere.
  const webhookEndpoint = fc.record(
    {
      url: field(
        fc.constantFrom(
          'http://127.0.0.1:9/hooks',
          'https://127.0.0.1:9/x',
          'ftp://x',
          'http://u:p@x/',
        ),
      ),
      events: fc.oneof(
        fc.subarray(['post.published', 'upload.pending', 'build.requested', 'nope']),
        hostileString,
      ),
    },
    { requiredKeys: [] },
  );
  return {
    '/api/admin/login': fc.record({
      body: fc.oneof(
        formBody(loginFields as fc.Arbitrary<Record<string, string>>),
        jsonBody(loginFields),
        anyBody,
      ),
    }) as fc.Arbitrary<RouteInput>,
    '/api/admin/logout': fc.record({ body: anyBody }) as fc.Arbitrary<RouteInput>,
    '/api/instagram/token/status': fc.record({
      query: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
    }),
    '/api/instagram/token/refresh': fc.record(
      {
        query: refreshFields,
        body: fc.oneof(
          jsonBody(refreshFields),
          formBody(refreshFields as fc.Arbitrary<Record<string, string>>),
          anyBody,
        ),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<RouteInput>,
    '/api/instagram/token/store-environment': fc.record({
      body: fc.oneof(
        jsonBody(storeFields),
        formBody(storeFields as fc.Arbitrary<Record<string, string>>),
        anyBody,
      ),
    }) as fc.Arbitrary<RouteInput>,
    '/api/instagram/oauth/start': fc.record({
      query: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
    }),
    '/api/instagram/oauth/callback': fc.record({
      query: fc.record(
        {
          state: hostileString,
          code: hostileString,
          error: field(fc.constantFrom('access_denied', 'server_error')),
          error_description: hostileString,
        },
        { requiredKeys: [] },
      ),
    }),
    '/api/instagram/oauth/facebook/start': fc.record({
      query: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
    }),
    '/api/instagram/oauth/facebook/callback': fc.record({
      query: fc.record(
        {
          state: hostileString,
          code: hostileString,
          error: field(fc.constantFrom('access_denied', 'server_error')),
          error_description: hostileString,
        },
        { requiredKeys: [] },
      ),
    }),
    '/api/instagram/analytics': fc.record({
      query: fc.record(
        {
          account: id.account,
          since: id.date,
          until: id.date,
          fresh: id.flag,
          format: field(fc.constantFrom('csv', 'json')),
        },
        { requiredKeys: [] },
      ),
    }),
    '/api/instagram/analytics/picture': fc.record({
      query: fc.record({ account: id.account }, { requiredKeys: [] }),
    }),
    '/api/instagram/accounts': fc.record({
      query: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
    }),
    '/api/instagram/accounts/[id]': fc.record({
      // Never the connected account: disconnecting it would leave the rest of the run nothing to reach.
      params: fc.record({ id: field(fc.constantFrom('17841400000000009', '1')) }),
      body: fc.oneof(
        formBody(fc.record({ _method: field(fc.constantFrom('DELETE', 'PUT')) })),
        anyBody,
      ),
    }) as fc.Arbitrary<RouteInput>,
    '/api/publish': fc.record(
      {
        query: fc.record(
          { status: field(fc.constantFrom('queued', 'running', 'published', 'failed')) },
          { requiredKeys: [] },
        ),
        body: fc.oneof(jsonBody(publishRequest), anyBody),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<RouteInput>,
    '/api/publish/sources': fc.record({
      query: fc.record({ event: id.event, account: id.account }, { requiredKeys: [] }),
    }),
    '/api/publish/thumbnail': fc.record({
      query: fc.oneof(
        id.eventPhoto,
        fc.record({ event: id.event, name: id.photo }, { requiredKeys: [] }),
        fc.record({ account: id.account, media: id.media }, { requiredKeys: [] }),
      ),
    }),
    '/api/publish/uploads': fc.record(
      {
        query: fc.record(
          { name: field(fc.constantFrom('clip.mp4', 'photo.jpg')) },
          { requiredKeys: [] },
        ),
        body: fc.oneof(rawBody, anyBody),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<RouteInput>,
    '/api/publish/[id]': fc.record({ params: fc.record({ id: id.uuid }) }),
    '/api/publish/[id]/retry': fc.record({
      params: fc.record({ id: id.uuid }),
      body: anyBody,
    }) as fc.Arbitrary<RouteInput>,
    '/api/admin/moderation': fc.record(
      {
        query: fc.record({ event: id.event }, { requiredKeys: [] }),
        body: fc.oneof(jsonBody(moderation), anyBody),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<RouteInput>,
    '/api/admin/moderation/tagged': fc.record(
      {
        query: fc.record({ event: id.event }, { requiredKeys: [] }),
        body: fc.oneof(
          jsonBody(taggedReview),
          formBody(fc.record({ action: field(fc.constant('approve')), media: id.media })),
          anyBody,
        ),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<RouteInput>,
    '/api/admin/webhooks': fc.record(
      {
        query: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
        body: fc.oneof(jsonBody(webhookEndpoint), anyBody),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<RouteInput>,
    '/api/admin/webhooks/[id]': fc.record({
      params: fc.record({ id: id.endpoint }),
      body: fc.oneof(
        formBody(fc.record({ _method: field(fc.constantFrom('DELETE', 'PUT')) })),
        anyBody,
      ),
    }) as fc.Arbitrary<RouteInput>,
    '/api/admin/webhooks/[id]/rotate': fc.record({
      params: fc.record({ id: id.endpoint }),
      body: anyBody,
    }) as fc.Arbitrary<RouteInput>,
    '/api/admin/webhooks/deliveries/[seq]/replay': fc.record({
      params: fc.record({ seq: id.delivery }),
      body: anyBody,
    }) as fc.Arbitrary<RouteInput>,
    '/api/admin/events/[event]/report': fc.record({
      params: fc.record({ event: id.event }),
      query: fc.record(
        { format: field(fc.constantFrom('csv', 'json')), fresh: id.flag },
        { requiredKeys: [] },
      ),
    }),
    '/api/admin/moderation/photo': fc.record({
      query: fc.oneof(
        fc
          .record({ photo: id.eventPhoto, size: fc.integer({ min: 100, max: 2000 }).map(String) })
          .map(({ photo, size }) => ({ ...photo, size })),
        fc.record(
          {
            event: id.event,
            name: id.photo,
            size: field(fc.integer({ min: -10, max: 5000 }).map(String)),
          },
          { requiredKeys: [] },
        ),
      ),
    }),
    '/g/[event]/photos.zip': fc.record({
      params: fc.record({ event: id.event }),
      query: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
    }) as fc.Arbitrary<RouteInput>,
    '/api/guest/[event]/uploads': fc.record({
      params: fc.record({ event: id.event }),
      body: fc.oneof(jsonBody(guestStart), anyBody),
    }) as fc.Arbitrary<RouteInput>,
    '/api/guest/[event]/uploads/[id]': fc.record({
      params: fc.record({ event: id.event, id: id.uuid }),
      body: fc.oneof(rawBody, anyBody),
    }) as fc.Arbitrary<RouteInput>,
    '/api/guest/[event]/uploads/[id]/complete': fc.record({
      params: fc.record({ event: id.event, id: id.uuid }),
      body: anyBody,
    }) as fc.Arbitrary<RouteInput>,
    '/g/[event]/photos/[name]': fc.record({
      params: fc.record({ event: id.event, name: id.photo }),
      query: fc.record(
        {
          w: field(fc.constantFrom('480', '960', '2048', '0', '99999', '-1', 'big')),
          k: hostileString,
        },
        { requiredKeys: [] },
      ),
    }),
    '/api/slideshow/[event]': fc.record({ params: fc.record({ event: id.event }) }),
    '/api/slideshow/[event]/[name]': fc.record({
      params: fc.oneof(
        id.eventPhoto.map(({ event, name }) => ({ event, name })),
        fc.record({ event: id.event, name: id.photo }),
      ),
      query: fc.record({ v: hostileString }, { requiredKeys: [] }),
    }),
    '/g/[event]/live/media/[item]': fc.record({
      params: fc.record({ event: id.event, item: id.media }),
    }),
    '/api/media/[file]': fc.record({
      params: fc.record({
        file: field(
          fc
            .tuple(fc.stringMatching(/^[0-9a-f]{64}$/), fc.constantFrom('.jpg', '.mp4', '.png'))
            .map(([hash, ext]) => hash + ext),
        ),
      }),
      query: fc.record(
        { exp: field(fc.integer({ min: 0, max: 4_000_000_000 }).map(String)), sig: hostileString },
        { requiredKeys: [] },
      ),
    }),
    '/api/instagram/webhook': fc.oneof(
      fc.record({
        query: fc.record(
          {
            'hub.mode': field(fc.constant('subscribe')),
            'hub.challenge': hostileString,
            'hub.verify_token': field(fc.constant(context.verifyToken)),
          },
          { requiredKeys: [] },
        ),
      }),
      signedWebhookBody.map(({ text, signature }) => ({
        body: {
          bytes: Buffer.from(text),
          type: 'application/json',
          signature:
            signature === 'none'
              ? undefined
              : `sha256=${createHmac('sha256', signature === 'right' ? context.appSecret : 'wrong')
                  .update(text)
                  .digest('hex')}`,
        },
      })),
    ) as fc.Arbitrary<RouteInput>,
  };
}

// ---------------------------------------------------------------------------------------------
// Whole requests

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE'];

/** Any request to any route of SERVER_ROUTES (or those whose pattern contains `only`), by any caller. */
export function fuzzRequest(context: FuzzContext, only?: string): fc.Arbitrary<FuzzRequest> {
  const inputs = routeInputs(context);
  const routes = SERVER_ROUTES.filter((route) => !only || route.pattern.includes(only));
  if (routes.length === 0) throw new Error(`No route of SERVER_ROUTES contains "${only}".`);
  const perRoute = routes.map((route) =>
    fc
      .record({
        input: inputs[route.pattern],
        method: fc.oneof(
          { arbitrary: fc.constantFrom(...route.methods), weight: 6 },
          { arbitrary: fc.constantFrom(...OTHER_METHODS), weight: 1 },
        ),
        caller: fc.constantFrom<Caller>(
          'anonymous',
          'admin-token',
          'admin-token',
          'admin-session',
          'admin-session',
          'cross-site-session',
        ),
        extraHeaders: fc.dictionary(
          fc.constantFrom(
            'accept',
            'x-forwarded-for',
            'x-forwarded-host',
            'range',
            'origin',
            'cookie',
          ),
          fc.oneof(
            fc.constantFrom(
              'text/html',
              'application/json',
              'bytes=0-10',
              'evil.example',
              '1.2.3.4',
            ),
            fc.string({ maxLength: 30, unit: 'grapheme-ascii' }),
          ),
          { maxKeys: 2 },
        ),
      })
      .map(({ input, method, caller, extraHeaders }) =>
        assemble(route, input, method, caller, extraHeaders),
      ),
  );
  return fc.oneof(...perRoute);
}

function assemble(
  route: ServerRoute,
  input: RouteInput,
  method: string,
  caller: Caller,
  extraHeaders: Record<string, string>,
): FuzzRequest {
  let path: string = route.pattern;
  for (const [name, value] of Object.entries(input.params ?? {}))
    path = path.replace(`[${name}]`, encodeURIComponent(value) || '%20');
  const query = new URLSearchParams(input.query ?? {}).toString();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(extraHeaders))
    if (/^[\t\x20-\x7e]*$/.test(value)) headers[name] = value;
  const body = method === 'GET' || method === 'HEAD' ? undefined : input.body;
  if (body?.type) headers['content-type'] = body.type;
  const signature = (body as { signature?: string } | undefined)?.signature;
  if (signature) headers['x-hub-signature-256'] = signature;
  return {
    route: route.pattern,
    method,
    path: query ? `${path}?${query}` : path,
    caller,
    headers,
    ...(body && { body: body.bytes }),
  };
}
