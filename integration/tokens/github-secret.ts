import { request } from 'undici';

export interface GithubSecretTarget {
  apiBase: string;
  owner: string;
  repo: string;
  secret: string;
  /** May write the repository's Actions secrets. */
  authToken: string;
}

/**
 * Writes `value` into a repository's Actions secret: GitHub takes it only sealed (libsodium's
 * sealed box) with the repository's public key, and the key's id with it
 * (docs.github.com/en/rest/actions/secrets). Throws with a message naming the step and GitHub's
 * answer, never the value or the auth token.
 */
export async function writeGithubSecret(target: GithubSecretTarget, value: string): Promise<void> {
  const repoPath = `${target.apiBase}/repos/${target.owner}/${target.repo}/actions/secrets`;
  const publicKey = await githubCall<{ key_id: string; key: string }>(
    target,
    'GET',
    `${repoPath}/public-key`,
  );
  if (typeof publicKey?.key !== 'string' || typeof publicKey.key_id !== 'string')
    throw new Error(`GitHub's public key of ${target.owner}/${target.repo} has no key and key_id.`);
  await githubCall(target, 'PUT', `${repoPath}/${target.secret}`, {
    encrypted_value: await sealFor(publicKey.key, value),
    key_id: publicKey.key_id,
  });
}

/** libsodium's sealed box of `value` for a base64 (standard alphabet) Curve25519 public key. */
export async function sealFor(publicKeyBase64: string, value: string): Promise<string> {
  // Loaded on the first write only: it is about 1 MB of JavaScript a server without write-back
  // never needs.
  const { default: sodium } = await import('libsodium-wrappers');
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), key);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}

async function githubCall<T>(
  target: GithubSecretTarget,
  method: 'GET' | 'PUT',
  url: string,
  body?: object,
): Promise<T | undefined> {
  const step = method === 'GET' ? 'reading the public key' : `writing the secret ${target.secret}`;
  let answer: Awaited<ReturnType<typeof request>>;
  try {
    answer = await request(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${target.authToken}`,
        'user-agent': 'astro-instagram-sync',
        'x-github-api-version': '2022-11-28',
        ...(body && { 'content-type': 'application/json' }),
      },
      ...(body && { body: JSON.stringify(body) }),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    throw new Error(`GitHub could not be reached at ${target.apiBase} while ${step} (${code}).`);
  }
  const text = await answer.body.text();
  if (answer.statusCode >= 200 && answer.statusCode <= 299)
    return text ? (JSON.parse(text) as T) : undefined;
  throw new Error(
    `GitHub answered HTTP ${answer.statusCode} while ${step} of ${target.owner}/${target.repo}${githubMessage(text)}. ${hint(answer.statusCode)}`,
  );
}

function githubMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? ` ("${message.slice(0, 200)}")` : '';
  } catch {
    return '';
  }
}

function hint(status: number): string {
  if (status === 401)
    return 'IG_TOKEN_WRITE_BACK_GITHUB_TOKEN is not a valid token (expired or revoked?).';
  if (status === 403 || status === 404)
    return 'Give IG_TOKEN_WRITE_BACK_GITHUB_TOKEN access to this repository with the permission "Secrets: read and write" (GitHub answers 404 to a token that may not see it).';
  return 'Try again later; the next `token refresh` or daily token check writes it again.';
}
