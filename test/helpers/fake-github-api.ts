// A local stand-in for GitHub's Actions secrets API, over real HTTP: a repository public key of
// its own, and every secret written opened with the matching secret key, so a test reads back
// exactly what GitHub would hold. Anything else is answered as GitHub does (401, 404, 422).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sodium from 'libsodium-wrappers';

export interface FakeGithubApi {
  /** GITHUB_API_URL for the code under test. */
  url: string;
  /** The bearer token it accepts. */
  authToken: string;
  /** Secrets written, opened: `owner/repo/NAME` → the plaintext. */
  secrets: Map<string, string>;
  /** Every request: method, path and the status answered. */
  requests: { method: string; path: string; status: number }[];
  /** Answers every request with `status` until called with undefined. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

const KEY_ID = '568250167242549743';
const PUBLIC_KEY = /^\/repos\/([^/]+)\/([^/]+)\/actions\/secrets\/public-key$/;
const SECRET = /^\/repos\/([^/]+)\/([^/]+)\/actions\/secrets\/([A-Za-z0-9_]+)$/;

export async function startFakeGithubApi(
  authToken = 'github_pat_fake_write_back',
): Promise<FakeGithubApi> {
  await sodium.ready;
  const keys = sodium.crypto_box_keypair();
  const secrets = new Map<string, string>();
  const requests: FakeGithubApi['requests'] = [];
  let failing: number | undefined;

  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? '/';
    const answer = (status: number, body?: object) => {
      requests.push({ method: request.method ?? 'GET', path, status });
      response.writeHead(status, body ? { 'content-type': 'application/json' } : {});
      response.end(body ? JSON.stringify(body) : undefined);
    };
    if (failing) return answer(failing, { message: 'Fake failure' });
    if (request.headers.authorization !== `Bearer ${authToken}`)
      return answer(401, { message: 'Bad credentials' });
    const publicKey = PUBLIC_KEY.exec(path);
    if (request.method === 'GET' && publicKey)
      return answer(200, {
        key_id: KEY_ID,
        key: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL),
      });
    const secret = SECRET.exec(path);
    if (request.method === 'PUT' && secret) {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (body.key_id !== KEY_ID) return answer(422, { message: 'key_id does not match' });
      let opened: string;
      try {
        const sealed = sodium.from_base64(body.encrypted_value, sodium.base64_variants.ORIGINAL);
        opened = sodium.to_string(
          sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey),
        );
      } catch {
        return answer(422, { message: 'encrypted_value is not a sealed box for this key' });
      }
      const name = `${secret[1]}/${secret[2]}/${secret[3]}`;
      const existed = secrets.has(name);
      secrets.set(name, opened);
      return answer(existed ? 204 : 201);
    }
    answer(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authToken,
    secrets,
    requests,
    failWith(status) {
      failing = status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
