import { z } from 'astro/zod';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { methodRefusal, unexpectedError } from '../../integration/server/error-boundary.ts';
import {
  parseRequest,
  readBody,
  RequestInputError,
} from '../../integration/server/request-input.ts';
import { jsonDepth } from '../../integration/shared/json-depth.ts';

const URL_ = 'http://127.0.0.1:4321/api/example';

function post(body: BodyInit, type?: string, headers: Record<string, string> = {}) {
  return new Request(URL_, {
    method: 'POST',
    body,
    headers: { ...(type && { 'content-type': type }), ...headers },
  });
}

async function refusal(promise: Promise<unknown>): Promise<RequestInputError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!RequestInputError.is(error)) throw new Error(`expected a RequestInputError, got ${error}`);
  return error;
}

function stream(chunks: number, chunkBytes: number) {
  let sent = 0;
  const pulled = { count: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.count++;
      if (sent++ === chunks) controller.close();
      else controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
  });
  return { body, pulled };
}

describe('reading a body within its limit', () => {
  it('refuses a declared Content-Length over the limit with a 413 before reading anything', async () => {
    const { body, pulled } = stream(50, 1024 * 1024);
    const request = new Request(URL_, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit);
    const error = await refusal(readBody(request, 1024 * 1024));
    expect(error).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(pulled.count).toBeLessThanOrEqual(1); // the stream's own first pull, nothing read
  });

  it('stops reading a stream with no length at the first chunk past the limit', async () => {
    const { body, pulled } = stream(50, 256 * 1024);
    const request = new Request(URL_, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    const error = await refusal(readBody(request, 1024 * 1024));
    expect(error).toMatchObject({ status: 413 });
    expect(pulled.count).toBeLessThanOrEqual(7); // 4 chunks fit; the 5th is one too many
  });

  it('refuses JSON nested deeper than 64 levels before parsing it', async () => {
    for (const depth of [65, 1000, 5000]) {
      const error = await refusal(
        readBody(post(`${'['.repeat(depth)}${']'.repeat(depth)}`, 'application/json')),
      );
      expect(error).toMatchObject({ status: 400, code: 'json_too_deep' });
    }
    expect(
      await readBody(post(`${'['.repeat(64)}${']'.repeat(64)}`, 'application/json')),
    ).toBeDefined();
  });

  it('does not count brackets inside strings as nesting', () => {
    expect(jsonDepth(Buffer.from(JSON.stringify({ a: '[[[[{{{{"\\"[' })))).toBe(1);
  });

  it('reads JSON, URL-encoded and multipart forms, and refuses broken multipart and other types', async () => {
    expect(await readBody(post('{"a":1}', 'application/json'))).toEqual({ a: 1 });
    expect(
      await readBody(post('names=a.jpg&names=b.jpg&event=x', 'application/x-www-form-urlencoded')),
    ).toEqual({ names: ['a.jpg', 'b.jpg'], event: 'x' });
    const form = new FormData();
    form.set('account', '17841400000000001');
    expect(await readBody(new Request(URL_, { method: 'POST', body: form }))).toEqual({
      account: '17841400000000001',
    });
    expect(
      await refusal(readBody(post('--xx\r\nbroken', 'multipart/form-data; boundary=xx'))),
    ).toMatchObject({ status: 400, code: 'invalid_body' });
    expect(await refusal(readBody(post('hello', 'text/weird')))).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
    });
    expect(await refusal(readBody(post('{"a":', 'application/json')))).toMatchObject({
      status: 400,
      code: 'invalid_json',
    });
    expect(await readBody(post('', 'text/weird'))).toBeUndefined();
  });
});

describe('parsing a request against its schema', () => {
  const schema = {
    params: z.object({ id: z.string().regex(/^\d+$/, 'expected digits') }),
    query: z.looseObject({ size: z.enum(['s', 'm']).optional() }),
    body: z.object({ name: z.string() }),
    usage: 'Send { name } to /api/example/<digits>.',
  };
  const context = (id: string, search = '', body = '{"name":"x"}') => ({
    params: { id },
    url: new URL(`${URL_}/${id}${search}`),
    request: post(body, 'application/json'),
  });

  it('gives the parsed parts', async () => {
    expect(await parseRequest(schema, context('42', '?size=m'))).toEqual({
      params: { id: '42' },
      query: { size: 'm' },
      body: { name: 'x' },
    });
  });

  it('names the parameter at fault and says what to send', async () => {
    const error = await refusal(parseRequest(schema, context('abc')));
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', parameter: 'id' });
    expect(error.message).toBe(
      'Path parameter "id": expected digits. Send { name } to /api/example/<digits>.',
    );
    expect(await refusal(parseRequest(schema, context('1', '?size=xl')))).toMatchObject({
      parameter: 'size',
    });
    expect(await refusal(parseRequest(schema, context('1', '', 'null')))).toMatchObject({
      parameter: 'body',
    });
    expect(await refusal(parseRequest(schema, context('1', '', '{"name":1}')))).toMatchObject({
      parameter: 'name',
    });
  });
});

describe('the error boundary', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const context = { request: new Request(URL_), url: new URL(URL_) };

  it('answers an unexpected error with a 500 and an error id, logs the stack once, and shows none', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = unexpectedError(new TypeError('secret internals'), context);
    expect(answer.status).toBe(500);
    const body = (await answer.json()) as { error: { code: string; message: string; id: string } };
    expect(body.error.code).toBe('internal_error');
    expect(body.error.id).toMatch(/^[0-9a-f]{8}$/);
    expect(body.error.message).toContain(body.error.id);
    expect(JSON.stringify(body)).not.toMatch(/secret internals|TypeError|\s+at \S+ \(/);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]![0])).toContain(body.error.id);
    expect(String(log.mock.calls[0]![0])).toContain('TypeError: secret internals');
  });

  it('answers a refused input with its own status, code and parameter', async () => {
    const answer = unexpectedError(
      new RequestInputError(413, 'body_too_large', 'Too big.', 'body'),
      context,
    );
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual({
      error: { code: 'body_too_large', message: 'Too big.', parameter: 'body' },
    });
  });

  it('answers a method the route does not serve with a 405 listing the ones it does', async () => {
    const answer = methodRefusal({
      request: new Request(URL_, { method: 'PATCH' }),
      routePattern: '/api/instagram/accounts/[id]',
    });
    expect(answer?.status).toBe(405);
    expect(answer?.headers.get('allow')).toBe('DELETE, POST');
    expect(
      methodRefusal({
        request: new Request(URL_, { method: 'HEAD' }),
        routePattern: '/api/publish',
      }),
    ).toBeUndefined();
    expect(
      methodRefusal({
        request: new Request(URL_, { method: 'PATCH' }),
        routePattern: '/g/[event]',
      }),
    ).toBeUndefined();
  });
});
