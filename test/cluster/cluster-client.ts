import { createHmac } from 'node:crypto';
import sharp from 'sharp';
import { ADMIN_API_TOKEN, APP_SECRET } from '../../harness/cluster-site.ts';

export const ADMIN = { authorization: `Bearer ${ADMIN_API_TOKEN}` };
const JSON_TYPE = { 'content-type': 'application/json' };
/** What a browser on the site sends with a state-changing request (the cross-site check). */
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON of an answer, read field by field
  json: any;
}

export async function call(origin: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${origin}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, text, json };
}

export const postJson = (
  origin: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = ADMIN,
) =>
  call(origin, path, {
    method: 'POST',
    headers: { ...headers, ...JSON_TYPE },
    body: JSON.stringify(body),
  });

/** A staff upload for publishing (POST /api/publish/uploads) → its id. */
export async function stageUpload(origin: string, bytes: Uint8Array, name: string) {
  const answer = await call(origin, `/api/publish/uploads?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: ADMIN,
    body: new Uint8Array(bytes),
  });
  if (answer.status !== 201) throw new Error(`uploading ${name}: ${answer.status} ${answer.text}`);
  return answer.json.upload as { id: string };
}

export type GuestUpload = { ok: true; name: string } | { ok: false; reason: string };

/**
 * A guest's upload as the upload page makes it with S3: a ticket from the site, the bytes PUT to
 * the presigned URL, then "complete" on the site, each step through `origin` (the proxy: each may
 * reach another instance).
 */
export async function guestUpload(
  origin: string,
  eventId: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<GuestUpload> {
  const start = await postJson(
    origin,
    `/api/guest/${eventId}/uploads`,
    { fileName, bytes: bytes.byteLength, contentType: 'image/jpeg' },
    SAME_ORIGIN,
  );
  if (start.status !== 201)
    return { ok: false, reason: `${fileName}: ticket ${start.status} ${start.text}` };
  const { url, headers, completeUrl } = start.json.upload;
  const put = await fetch(url, { method: 'PUT', headers, body: new Uint8Array(bytes) });
  if (!put.ok) return { ok: false, reason: `${fileName}: PUT ${put.status} ${await put.text()}` };
  const done = await call(origin, completeUrl, { method: 'POST', headers: SAME_ORIGIN });
  if (done.status !== 201)
    return { ok: false, reason: `${fileName}: complete ${done.status} ${done.text}` };
  return { ok: true, name: done.json.photo.name };
}

/** A small JPEG whose colour tells it apart from the others. */
export function numberedPhoto(index: number, width = 320, height = 240): Promise<Buffer> {
  const background = { r: (index * 37) % 256, g: (index * 91) % 256, b: (index * 53) % 256 };
  return sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
}

/** A webhook delivery as Meta sends it: the body and its X-Hub-Signature-256. */
export function signedDelivery(body: string) {
  const signature = createHmac('sha256', APP_SECRET).update(body).digest('hex');
  return { ...JSON_TYPE, 'x-hub-signature-256': `sha256=${signature}` };
}

/** The rebuild state an instance's /admin/rebuilds page shows (`data-rebuild-outcome`). */
export async function rebuildOutcome(origin: string): Promise<string> {
  const page = await call(origin, '/admin/rebuilds', { headers: ADMIN });
  const outcome = /data-rebuild-outcome="([^"]*)"/.exec(page.text)?.[1];
  if (page.status !== 200 || outcome === undefined)
    throw new Error(
      `/admin/rebuilds of ${origin} answered ${page.status} without a rebuild outcome`,
    );
  return outcome;
}
