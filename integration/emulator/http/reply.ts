import { errorEnvelope, type GraphError, type GraphErrorSpec } from '../core/errors.ts';

/** A response before it is written: routes build these, faults rewrite them. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

export function jsonReply(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): Reply {
  return rawJsonReply(status, JSON.stringify(value), headers);
}

/** For bodies that are deliberately not valid JSON (fault injection). */
export function rawJsonReply(
  status: number,
  text: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: Buffer.from(text) };
}

export function textReply(
  status: number,
  text: string,
  headers: Record<string, string> = {},
): Reply {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
    body: Buffer.from(text),
  };
}

/** Browser pages (the authorize window) are never cached: each shows live state. */
export function htmlReply(status: number, html: string): Reply {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(html),
  };
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: Buffer.alloc(0) };
}

export function graphErrorReply(spec: GraphErrorSpec, status: number): Reply {
  return jsonReply(
    status,
    errorEnvelope(spec),
    spec.code === 190 ? { 'www-authenticate': wwwAuthenticate(spec.message) } : {},
  );
}

export function replyForError(error: GraphError): Reply {
  return graphErrorReply(error.spec, error.status);
}

/** Graph's header on token errors: `OAuth "Facebook Platform" "invalid_token" "<message>"`. */
function wwwAuthenticate(message: string): string {
  return `OAuth "Facebook Platform" "invalid_token" "${message.replace(/["\\]/g, '')}"`;
}
