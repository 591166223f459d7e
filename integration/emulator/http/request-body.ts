import type { IncomingMessage } from 'node:http';

const bodies = new WeakMap<IncomingMessage, Promise<Buffer>>();

/** The whole body; read once, so it can be taken in before a delay and parsed after it. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  let body = bodies.get(request);
  if (!body) {
    body = (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    })();
    bodies.set(request, body);
  }
  return body;
}

/** A POST body as form fields, `application/x-www-form-urlencoded` or `multipart/form-data` (files ignored). */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(request);
  const type = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) return new URLSearchParams(body.toString('utf8'));
  const fields = new URLSearchParams();
  try {
    const form = await new Response(Uint8Array.from(body), {
      headers: { 'content-type': type },
    }).formData();
    for (const [name, value] of form) if (typeof value === 'string') fields.append(name, value);
  } catch {
    // A broken multipart body reads as no fields: the route then names the first one missing.
  }
  return fields;
}

/** A Graph POST's parameters: the query string, then the body's fields (form, multipart or a JSON object). */
export async function readGraphParams(
  request: IncomingMessage,
  query: URLSearchParams,
): Promise<URLSearchParams> {
  const params = new URLSearchParams(query);
  const body = /^application\/json/i.test(request.headers['content-type'] ?? '')
    ? await readJsonFields(request)
    : await readForm(request);
  for (const [name, value] of body) params.append(name, value);
  return params;
}

/** A JSON object body as fields; values that are not strings (arrays, booleans) as their JSON text. */
async function readJsonFields(request: IncomingMessage): Promise<URLSearchParams> {
  const fields = new URLSearchParams();
  let value: unknown;
  try {
    value = JSON.parse((await readBody(request)).toString('utf8'));
  } catch {
    return fields;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fields;
  for (const [name, field] of Object.entries(value))
    fields.append(name, typeof field === 'string' ? field : JSON.stringify(field));
  return fields;
}
