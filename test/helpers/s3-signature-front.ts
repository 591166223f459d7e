import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALGORITHM_IDENTIFIER, SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HeaderBag, HttpRequest, SourceData } from '@smithy/types';

interface Digest {
  update(data: Uint8Array | string): unknown;
  digest(): Buffer;
}

/** SHA-256 (or HMAC-SHA256 with a secret) on node:crypto, in the shape @smithy/signature-v4 expects. */
class Sha256 {
  #secret: SourceData | undefined;
  #hash: Digest;
  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = Sha256.#create(secret);
  }
  static #create(secret?: SourceData): Digest {
    if (secret === undefined) return createHash('sha256');
    const key =
      typeof secret === 'string'
        ? secret
        : ArrayBuffer.isView(secret)
          ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
          : new Uint8Array(secret);
    return createHmac('sha256', key);
  }
  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    this.#hash = Sha256.#create(this.#secret);
  }
}

/** Recomputes a query-string (presigned) V4 signature the way S3 does, with the SDK's own signer. */
class PresignVerifier extends SignatureV4 {
  async expectedSignature(
    request: HttpRequest,
    canonicalHeaders: HeaderBag,
    payloadHash: string,
    longDate: string,
    scope: string,
    region: string,
    service: string,
  ): Promise<string> {
    const canonicalRequest = this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
    const stringToSign = await this.createStringToSign(
      longDate,
      scope,
      canonicalRequest,
      ALGORITHM_IDENTIFIER,
    );
    const signingDate = new Date(
      `${longDate.slice(0, 4)}-${longDate.slice(4, 6)}-${longDate.slice(6, 8)}T${longDate.slice(9, 11)}:${longDate.slice(11, 13)}:${longDate.slice(13, 15)}Z`,
    );
    return this.sign(stringToSign, { signingDate, signingRegion: region, signingService: service });
  }
}

/** The query as received, decoded (a literal "+" stays a "+", as for S3), repeated names as arrays. */
function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const name = decodeURIComponent(at < 0 ? part : part.slice(0, at));
    const value = at < 0 ? '' : decodeURIComponent(part.slice(at + 1));
    const previous = query[name];
    query[name] =
      previous === undefined
        ? value
        : Array.isArray(previous)
          ? [...previous, value]
          : [previous, value];
  }
  return query;
}

function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

type Verdict = { ok: true } | { ok: false; code: string; message: string };

async function checkPresigned(
  request: http.IncomingMessage,
  credentials: AwsCredentialIdentity,
): Promise<Verdict> {
  const target = request.url ?? '/';
  const at = target.indexOf('?');
  const path = at < 0 ? target : target.slice(0, at);
  const query = parseQuery(at < 0 ? '' : target.slice(at));
  const one = (name: string) =>
    typeof query[name] === 'string' ? (query[name] as string) : undefined;
  const algorithm = one('X-Amz-Algorithm');
  const credential = one('X-Amz-Credential');
  const longDate = one('X-Amz-Date');
  const signedHeaders = one('X-Amz-SignedHeaders');
  const signature = one('X-Amz-Signature');
  if (
    !algorithm ||
    !credential ||
    !longDate ||
    !signedHeaders ||
    !signature ||
    !one('X-Amz-Expires')
  ) {
    return {
      ok: false,
      code: 'AuthorizationQueryParametersError',
      message:
        'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    };
  }
  if (algorithm !== ALGORITHM_IDENTIFIER)
    return {
      ok: false,
      code: 'AuthorizationQueryParametersError',
      message: `X-Amz-Algorithm only supports "${ALGORITHM_IDENTIFIER}"`,
    };
  const [accessKeyId, shortDate, region, service, terminator, ...rest] = credential.split('/');
  if (
    !accessKeyId ||
    !shortDate ||
    !region ||
    !service ||
    terminator !== 'aws4_request' ||
    rest.length > 0 ||
    !/^\d{8}T\d{6}Z$/.test(longDate) ||
    !longDate.startsWith(shortDate)
  ) {
    return {
      ok: false,
      code: 'AuthorizationQueryParametersError',
      message: 'Error parsing the X-Amz-Credential parameter.',
    };
  }
  if (accessKeyId !== credentials.accessKeyId)
    return {
      ok: false,
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  const names = signedHeaders.split(';');
  if (!names.includes('host'))
    return {
      ok: false,
      code: 'AuthorizationQueryParametersError',
      message: 'Host must be signed.',
    };
  // The signed headers' values exactly as received (a missing one signs as empty, so it does not match).
  const headers: HeaderBag = {};
  for (const name of names) {
    const value = request.headers[name];
    headers[name] = (Array.isArray(value) ? value.join(',') : (value ?? ''))
      .replace(/[\r\n]/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim();
  }
  const payloadHash = one('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  const signer = new PresignVerifier({
    service,
    region,
    credentials,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signable = {
    method: request.method ?? 'GET',
    protocol: 'http:',
    hostname: '',
    path,
    query,
    headers,
  } as HttpRequest;
  const expected = await signer.expectedSignature(
    signable,
    headers,
    payloadHash,
    longDate,
    `${shortDate}/${region}/${service}/aws4_request`,
    region,
    service,
  );
  if (expected !== signature)
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  return { ok: true };
}

/**
 * A node:http front for s3rver that checks the AWS Signature V4 of presigned (query-string auth) requests
 * as S3 does, which s3rver does not: a mismatch is answered 403 SignatureDoesNotMatch and never forwarded.
 * Everything else (SDK header-auth requests, CORS preflights) is forwarded unchanged, host header included.
 */
export async function startSignatureFront(
  upstreamPort: number,
  credentials: AwsCredentialIdentity,
  corsOrigins: string[] = [],
) {
  const server = http.createServer((request, response) => {
    const forward = () => {
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: upstreamPort,
          method: request.method,
          path: request.url,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', (error) => {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
      request.pipe(upstream);
    };
    const presigned = /[?&]X-Amz-(Signature|Credential|Algorithm)=/i.test(request.url ?? '');
    if (!presigned || request.method === 'OPTIONS') return forward();
    checkPresigned(request, credentials).then(
      (verdict) => {
        if (verdict.ok) return forward();
        // Read (and drop) the body before answering, so the client sees the 403 rather than a reset.
        request.resume();
        request.on('end', () => {
          const origin = request.headers.origin;
          const cors =
            origin && corsOrigins.includes(origin)
              ? { 'access-control-allow-origin': origin, vary: 'Origin' }
              : {};
          response.writeHead(403, { 'content-type': 'application/xml', ...cors });
          response.end(s3Error(verdict.code, verdict.message));
        });
      },
      (error: unknown) => {
        request.resume();
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
