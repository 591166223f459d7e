import { execFile } from 'node:child_process';
import { request } from 'undici';
import type { RebuildSettings } from './rebuild-settings.ts';

/** One attempt at starting a build; throws with a message safe to show (no URL, no token). */
export interface DeployHook {
  /** For /admin: what kind of hook, never its URL (build hook URLs are secrets). */
  kind: 'http' | 'github' | 'command';
  run(): Promise<void>;
}

export function deployHookFor(settings: RebuildSettings): DeployHook | undefined {
  if (settings.url) return httpDeployHook(settings.url, settings.token);
  if (settings.command) return commandDeployHook(settings.command);
  return undefined;
}

/** The `repository_dispatch` type the example workflow (.github/workflows/rebuild.yml) runs on. */
export const GITHUB_EVENT_TYPE = 'instagram-sync';

// github.com, or GitHub Enterprise (`/api/v3/repos/…`).
const DISPATCHES_PATH = /\/repos\/[^/]+\/[^/]+\/dispatches$/;

/**
 * Netlify, Vercel and Cloudflare build hooks take an empty POST; GitHub's
 * `repository_dispatch` takes `{"event_type": …}` and a bearer token.
 */
export function httpDeployHook(url: string, token?: string): DeployHook {
  const github = DISPATCHES_PATH.test(new URL(url).pathname);
  const headers: Record<string, string> = { 'user-agent': 'astro-instagram-sync' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (github)
    Object.assign(headers, {
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
    });
  const body = github ? JSON.stringify({ event_type: GITHUB_EVENT_TYPE }) : '';
  return {
    kind: github ? 'github' : 'http',
    async run() {
      let status: number;
      try {
        const answer = await request(url, {
          method: 'POST',
          headers,
          body,
          headersTimeout: 30_000,
          bodyTimeout: 30_000,
        });
        status = answer.statusCode;
        await answer.body.dump();
      } catch (error) {
        throw new Error(
          `the deploy hook could not be reached (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`,
        );
      }
      if (status < 200 || status > 299) throw new Error(`the deploy hook answered HTTP ${status}`);
    },
  };
}

export function commandDeployHook(command: string[]): DeployHook {
  const [file, ...args] = command;
  if (file === undefined) throw new Error('DEPLOY_HOOK_COMMAND names no command to run.');
  return {
    kind: 'command',
    run: () =>
      new Promise<void>((resolve, reject) => {
        execFile(file, args, { timeout: 10 * 60_000, windowsHide: true }, (error) => {
          if (!error) return resolve();
          const code = (error as NodeJS.ErrnoException).code;
          reject(
            new Error(
              typeof code === 'number'
                ? `the deploy command exited with code ${code}`
                : `the deploy command failed (${code ?? error.name})`,
            ),
          );
        });
      }),
  };
}
