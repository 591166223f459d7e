import type { IncomingMessage } from 'node:http';

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A POST body as form fields, `application/x-www-form-urlencoded` or `multipart/form-data` (files ignored). */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(request);
  const type = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) return new URLSearchParams(body.toString('utf8'));
  const fields = new URLSearchParams();
  try {
    const form = await new Response(Uint8Array.from(body), { headers: { 'content-type': type } }).formData();
    for (const [name, value] of form) if (typeof value === 'string') fields.append(name, value);
  } catch {
    // A broken multipart body reads as no fields: the route then names the first one missing.
  }
  return fields;
}
