import { request } from 'undici';
import { expect } from 'vitest';
import type { RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, type GraphBody, type JsonAnswer } from '../helpers.ts';

export interface PostOptions {
  /** Default the demo token. */
  token?: string;
  /** Where the parameters go: a form body (default, token included), the query string, or a JSON body. */
  as?: 'form' | 'query' | 'json';
}

/** A Graph POST as publishing clients send it. */
export async function postGraph<T = GraphBody>(
  emulator: RunningEmulator,
  path: string,
  params: Record<string, string>,
  options: PostOptions = {},
): Promise<JsonAnswer<T>> {
  const fields = { ...params, access_token: options.token ?? emulator.demoToken };
  const as = options.as ?? 'form';
  const url = `${emulator.graphBase}${path}${as === 'query' ? `?${new URLSearchParams(fields)}` : ''}`;
  const body =
    as === 'json'
      ? JSON.stringify(fields)
      : as === 'form'
        ? new URLSearchParams(fields).toString()
        : undefined;
  const type = as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  const answer = await request(url, { method: 'POST', body, headers: { 'content-type': type } });
  return {
    status: answer.statusCode,
    headers: answer.headers,
    body: JSON.parse(await answer.body.text()) as T,
  };
}

export function createContainer(
  emulator: RunningEmulator,
  params: Record<string, string>,
  options: PostOptions = {},
) {
  return postGraph(emulator, `/${emulator.userId}/media`, params, options);
}

export function publish(emulator: RunningEmulator, creationId: string, options: PostOptions = {}) {
  return postGraph(
    emulator,
    `/${emulator.userId}/media_publish`,
    { creation_id: creationId },
    options,
  );
}

/** A container that must be created: its id. */
export async function containerId(
  emulator: RunningEmulator,
  params: Record<string, string>,
  options: PostOptions = {},
): Promise<string> {
  const { status, body } = await createContainer(emulator, params, options);
  expect(body).toEqual({ id: expect.stringMatching(GRAPH_ID) });
  expect(status).toBe(200);
  return body.id;
}

export async function statusOf(
  emulator: RunningEmulator,
  id: string,
): Promise<{ status_code: string; status: string; id: string }> {
  const { status, body } = await getGraph<{ status_code: string; status: string; id: string }>(
    emulator,
    `/${id}`,
    { fields: 'status_code,status,id' },
  );
  expect(status).toBe(200);
  return body;
}

/** Publishes and returns the new media id. */
export async function publishedId(emulator: RunningEmulator, creationId: string): Promise<string> {
  const { status, body } = await publish(emulator, creationId);
  expect(body).toEqual({ id: expect.stringMatching(GRAPH_ID) });
  expect(status).toBe(200);
  return body.id;
}

/** Graph's error envelope with this code and subcode (HTTP 400). */
export function expectPublishingError(answer: JsonAnswer, code: number, subcode?: number): void {
  expect(answer.status).toBe(400);
  expect(answer.body.error).toMatchObject({
    type: 'OAuthException',
    code,
    fbtrace_id: expect.any(String),
  });
  if (subcode === undefined) expect(answer.body.error).not.toHaveProperty('error_subcode');
  else expect(answer.body.error.error_subcode).toBe(subcode);
}

/** Ids of containers and media: 17–18 digits starting 17 or 18. */
export const GRAPH_ID = /^1[78]\d{15,16}$/;

export async function bytesOf(
  url: string,
): Promise<{ status: number; type: unknown; bytes: Buffer }> {
  const answer = await request(url);
  return {
    status: answer.statusCode,
    type: answer.headers['content-type'],
    bytes: Buffer.from(await answer.body.arrayBuffer()),
  };
}
