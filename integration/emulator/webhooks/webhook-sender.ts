import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { ControlInputError } from '../control/control-input.ts';
import type { Store } from '../core/store.ts';

/** One `entry` of a delivery: the account it is about and its changes (or messaging items). */
export interface WebhookEntrySpec {
  /** IG user id; default the seed's first account. */
  accountId?: string;
  /** Unix seconds; default the emulator clock. */
  time?: number;
  changes?: { field: string; value: unknown }[];
  messaging?: unknown[];
}

export interface WebhookDeliverySpec {
  /** Where to POST, e.g. `https://photos.example.com/api/instagram/webhook`. */
  callbackUrl: string;
  /** All in one POST, as Meta batches them. */
  entries: WebhookEntrySpec[];
  /** Which seed app signs; default the first. */
  appId?: string;
  /** Send the same body this many times (Meta redelivers); default 1. */
  copies?: number;
  /** Tries per copy while the answer is not 2xx; default 3. */
  attempts?: number;
  /** Wait before the second try, doubled after each; default 100 ms. */
  backoffMs?: number;
  /** `valid` (default), `invalid` (signed with another key) or `missing` (no header). */
  signature?: 'valid' | 'invalid' | 'missing';
}

export interface WebhookDeliveryResult {
  /** The exact bytes sent, as text. */
  body: string;
  /** Per copy, each try's HTTP status (0 when the callback could not be reached). */
  copies: { statuses: number[]; delivered: boolean }[];
}

/** Sends a webhook delivery signed like Meta's: `X-Hub-Signature-256: sha256=<HMAC of the body>`. */
export async function sendWebhook(
  store: Store,
  spec: WebhookDeliverySpec,
  nowMs: number,
): Promise<WebhookDeliveryResult> {
  const { copies = 1, attempts = 3, backoffMs = 100 } = spec;
  checkSpec(spec, copies, attempts, backoffMs);
  const body = JSON.stringify({
    object: 'instagram',
    entry: spec.entries.map((entry) => entryJson(store, entry, nowMs)),
  });
  const headers = signedHeaders(body, signingKey(store, spec));
  const results: WebhookDeliveryResult['copies'] = [];
  for (let copy = 0; copy < copies; copy++)
    results.push(await deliver(spec.callbackUrl, body, headers, attempts, backoffMs));
  return { body, copies: results };
}

async function deliver(
  url: string,
  body: string,
  headers: Record<string, string>,
  attempts: number,
  backoffMs: number,
) {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1));
    const status = await post(url, body, headers);
    statuses.push(status);
    if (status >= 200 && status < 300) return { statuses, delivered: true };
  }
  return { statuses, delivered: false };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  try {
    const answer = await request(url, { method: 'POST', body, headers, headersTimeout: 20_000 });
    await answer.body.dump();
    return answer.statusCode;
  } catch {
    return 0;
  }
}

function entryJson(store: Store, entry: WebhookEntrySpec, nowMs: number) {
  return {
    id: entry.accountId ?? store.accounts[0]?.userId ?? '',
    time: entry.time ?? Math.floor(nowMs / 1000),
    ...(entry.changes && { changes: entry.changes }),
    ...(entry.messaging && { messaging: entry.messaging }),
  };
}

function signingKey(store: Store, spec: WebhookDeliverySpec): string | undefined {
  if (spec.signature === 'missing') return undefined;
  const app = spec.appId ? store.apps.get(spec.appId) : store.apps.values().next().value;
  if (!app)
    throw new ControlInputError(
      spec.appId ? `No seed app ${spec.appId}` : 'The seed has no app to sign webhooks with',
    );
  return spec.signature === 'invalid' ? `${app.appSecret}-wrong` : app.appSecret;
}

function signedHeaders(body: string, key: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
  };
  if (key !== undefined)
    headers['x-hub-signature-256'] =
      `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
  return headers;
}

function checkSpec(
  spec: WebhookDeliverySpec,
  copies: number,
  attempts: number,
  backoffMs: number,
): void {
  if (typeof spec?.callbackUrl !== 'string' || !/^https?:\/\//.test(spec.callbackUrl))
    throw new ControlInputError('callbackUrl must be an http(s) URL');
  if (!Array.isArray(spec.entries) || spec.entries.length === 0 || spec.entries.length > 1000)
    throw new ControlInputError('entries must be a list of 1 to 1000 entries');
  if (!Number.isInteger(copies) || copies < 1 || copies > 100)
    throw new ControlInputError('copies must be a whole number from 1 to 100');
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 20)
    throw new ControlInputError('attempts must be a whole number from 1 to 20');
  if (!Number.isFinite(backoffMs) || backoffMs < 0 || backoffMs > 60_000)
    throw new ControlInputError('backoffMs must be from 0 to 60000');
  if (spec.signature !== undefined && !['valid', 'invalid', 'missing'].includes(spec.signature))
    throw new ControlInputError('signature must be "valid", "invalid" or "missing"');
}
