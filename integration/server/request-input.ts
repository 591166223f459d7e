import type { APIContext } from 'astro';
import type { z } from 'astro/zod';
import { jsonDepth, MAX_JSON_DEPTH } from '../shared/json-depth.ts';

/** Bodies of the webhook and the JSON and form APIs; the upload routes have their own limits. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * A request the route cannot take: the middleware answers it as `{ error: { code, message } }`
 * with `status` (400 malformed, 413 too large, 415 wrong content type).
 */
export class RequestInputError extends Error {
  /** Recognised by name: `instanceof` fails across two copies of this module. */
  static is(error: unknown): error is RequestInputError {
    return error instanceof Error && error.name === 'RequestInputError';
  }

  readonly status: number;
  readonly code: string;
  /** The parameter at fault, e.g. `id`, `until`, `body.names.0`. */
  readonly parameter: string | undefined;

  constructor(status: number, code: string, message: string, parameter?: string) {
    super(message);
    this.name = 'RequestInputError';
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/**
 * Checks a request against its route's schema: path parameters, then query, then body (read
 * at most `bodyLimit` bytes, JSON no deeper than MAX_JSON_DEPTH). Throws a RequestInputError
 * naming the first parameter at fault; the middleware turns it into the answer.
 */
export async function parseRequest<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
>(
  schema: { params?: P; query?: Q; body?: B; usage: string },
  context: Pick<APIContext, 'params' | 'url' | 'request'>,
  bodyLimit = BODY_LIMIT_BYTES,
): Promise<{ params: Out<P>; query: Out<Q>; body: Out<B> }> {
  const params = check(schema.params, context.params, 'path parameter', schema.usage);
  const query = check(schema.query, queryObject(context.url), 'query parameter', schema.usage);
  const body = schema.body
    ? check(schema.body, await readBody(context.request, bodyLimit), 'body field', schema.usage)
    : undefined;
  return { params, query, body } as { params: Out<P>; query: Out<Q>; body: Out<B> };
}

function check(schema: z.ZodType | undefined, input: unknown, where: string, usage: string) {
  if (!schema) return undefined;
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.map(String).join('.') ?? '';
  const what = name ? `${where} "${name}"` : where === 'body field' ? 'the body' : where;
  throw new RequestInputError(
    400,
    'invalid_request',
    `${capitalize(what)}: ${issue?.message ?? 'not valid'}. ${usage}`,
    name || (where === 'body field' ? 'body' : undefined),
  );
}

/** The query as `{ name: value }`; a repeated name keeps its first value. */
function queryObject(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) if (!(key in query)) query[key] = value;
  return query;
}

/**
 * The body as data: JSON, a URL-encoded or multipart form (text fields; a repeated name gives
 * an array), or undefined when empty. Any other content type is a 415.
 */
export async function readBody(request: Request, limit = BODY_LIMIT_BYTES): Promise<unknown> {
  const bytes = await readBodyBytes(request, limit);
  if (bytes.byteLength === 0) return undefined;
  const contentType = request.headers.get('content-type') ?? '';
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return parseJson(bytes);
  if (type === 'application/x-www-form-urlencoded')
    return formObject(new URLSearchParams(Buffer.from(bytes).toString('utf8')));
  if (type === 'multipart/form-data') {
    const form = await new Response(new Uint8Array(bytes), {
      headers: { 'content-type': contentType },
    })
      .formData()
      .catch(() => {
        throw new RequestInputError(
          400,
          'invalid_body',
          'The multipart body could not be read: send a well-formed multipart/form-data body, or JSON.',
          'body',
        );
      });
    return formObject(form);
  }
  throw new RequestInputError(
    415,
    'unsupported_media_type',
    `Content-Type ${type ? `"${type.slice(0, 100)}"` : 'missing'}: send application/json, application/x-www-form-urlencoded or multipart/form-data.`,
    'content-type',
  );
}

function formObject(form: Iterable<[string, FormDataEntryValue]>): Record<string, unknown> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of form) {
    if (typeof value !== 'string') continue;
    const seen = fields[key];
    fields[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return fields;
}

/** JSON text, refused before parsing when it nests deeper than MAX_JSON_DEPTH. */
export function parseJson(bytes: Uint8Array): unknown {
  if (jsonDepth(bytes) > MAX_JSON_DEPTH)
    throw new RequestInputError(
      400,
      'json_too_deep',
      `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels; send a flatter document.`,
      'body',
    );
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new RequestInputError(
      400,
      'invalid_json',
      'The body is not valid JSON: send a JSON document with Content-Type: application/json.',
      'body',
    );
  }
}

/**
 * The body's bytes, never more than `limit`: a declared Content-Length above it is refused
 * before reading, and a stream that goes past it is cancelled at the first chunk too many.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  if (Number(request.headers.get('content-length')) > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new RequestInputError(400, 'invalid_body', 'The body could not be read.', 'body');
    });
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function tooLarge(limit: number): RequestInputError {
  return new RequestInputError(
    413,
    'body_too_large',
    `The body is larger than this route takes (${formatBytes(limit)}).`,
    'body',
  );
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} bytes`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
