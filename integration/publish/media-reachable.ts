import { request } from 'undici';

export interface MediaWaitOptions {
  /** How long to keep asking. Default 60 s. */
  timeoutMs?: number;
  /** Pause between rounds. Default 500 ms. */
  intervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Waits until each URL answers (any status below 500: the server behind it is up), or the time
 * is up; returns the URLs that never did. A job resumed at start must not hand Instagram a URL of
 * a server that is not listening yet: Instagram answers that with error 9004 and the job fails.
 * A 4xx (an expired signature, say) is not waited on: it will not change.
 */
export async function waitForMediaUrls(
  urls: string[],
  options: MediaWaitOptions = {},
): Promise<string[]> {
  const { timeoutMs = 60_000, intervalMs = 500, now = Date.now } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const deadline = now() + timeoutMs;
  let waiting = [...new Set(urls)];
  for (;;) {
    const answered = await Promise.all(waiting.map(answers));
    waiting = waiting.filter((_, index) => !answered[index]);
    if (waiting.length === 0 || now() + intervalMs > deadline) return waiting;
    await sleep(intervalMs);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const { statusCode, body } = await request(url, {
      method: 'GET',
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    });
    await body.dump(); // the status is all we need: drop the bytes
    return statusCode < 500;
  } catch {
    return false;
  }
}
