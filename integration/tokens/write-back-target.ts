import type { Env } from '../shared/env.ts';

/** Where a refreshed token is written for the builds (IG_TOKEN_WRITE_BACK). */
export type WriteBackTarget =
  | {
      kind: 'github';
      owner: string;
      repo: string;
      /** The Actions secret the build reads, e.g. IG_ACCESS_TOKEN. */
      secret: string;
      /** GITHUB_API_URL (set by GitHub Actions; GitHub Enterprise), else https://api.github.com. */
      apiBase: string;
      /** IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: may write the repository's Actions secrets. */
      authToken: string;
    }
  | {
      kind: 'command';
      /** Split into words on spaces and run without a shell, as DEPLOY_HOOK_COMMAND is. */
      command: string[];
    };

export const WRITE_BACK_FORM =
  'IG_TOKEN_WRITE_BACK must be github:<owner>/<repo>/<SECRET_NAME> (e.g. github:acme/site/IG_ACCESS_TOKEN) or command:<program and arguments> (the program reads the token on its standard input)';

// GitHub's rules: owner names, repository names, secret names (letters, digits, `_`, not a digit
// first, no GITHUB_ prefix).
const GITHUB_TARGET =
  /^github:([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})\/([A-Za-z_][A-Za-z0-9_]*)$/;

/** Reads IG_TOKEN_WRITE_BACK; undefined when unset. Throws with the expected form when invalid. */
export function readWriteBackTarget(env: Env): WriteBackTarget | undefined {
  const value = env.IG_TOKEN_WRITE_BACK?.trim();
  if (!value) return undefined;
  if (value.startsWith('command:')) {
    const command = value.slice('command:'.length).trim().split(/\s+/).filter(Boolean);
    if (command.length === 0) throw new Error(`${WRITE_BACK_FORM}; "command:" names no program.`);
    return { kind: 'command', command };
  }
  const github = GITHUB_TARGET.exec(value);
  if (!github) throw new Error(`${WRITE_BACK_FORM}; got "${value}".`);
  const [, owner, repo, secret] = github as unknown as [string, string, string, string];
  if (/^GITHUB_/i.test(secret))
    throw new Error(
      `${WRITE_BACK_FORM}; GitHub does not allow secret names starting with GITHUB_ (got ${secret}).`,
    );
  const authToken = env.IG_TOKEN_WRITE_BACK_GITHUB_TOKEN?.trim();
  if (!authToken)
    throw new Error(
      `IG_TOKEN_WRITE_BACK=${value} needs IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: a token that may write the Actions secrets of ${owner}/${repo} (a fine-grained personal access token with the repository permission "Secrets: read and write", or a GitHub App's). The workflow's own GITHUB_TOKEN cannot write secrets.`,
    );
  const apiBase = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  return { kind: 'github', owner, repo, secret, apiBase, authToken };
}

/** The target as logs and errors name it: never a token. */
export function describeTarget(target: WriteBackTarget): string {
  return target.kind === 'github'
    ? `the GitHub Actions secret ${target.secret} of ${target.owner}/${target.repo}`
    : `the command ${target.command[0]}`;
}
