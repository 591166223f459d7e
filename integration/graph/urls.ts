import { GraphError } from './errors.ts';

export type GraphParams = Record<string, string | number | boolean | undefined>;

/** Validates the configured base URL (`https://graph.instagram.com/v26.0`). */
export function parseBaseUrl(baseUrl: string, redact: (text: string) => string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(
      redact(`GraphClient: \`baseUrl\` is not a URL: ${JSON.stringify(baseUrl)}`),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(redact(`GraphClient: \`baseUrl\` must be http(s): ${baseUrl}`));
  }
  url.search = '';
  url.hash = '';
  return url;
}

/** `path` (with `params`) under the base URL, without any `access_token`: the token goes in a header. */
export function graphUrl(base: URL, path: string, params: GraphParams = {}): URL {
  const relative = path.startsWith('/') ? path : `/${path}`;
  const url = new URL(base.href.replace(/\/$/, '') + relative);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  url.searchParams.delete('access_token');
  return url;
}

/**
 * A `paging.next` URL ready to request: its embedded `access_token` removed. The token is sent
 * as a header to whatever host the URL names, so a URL off the base origin is refused.
 */
export function pagingUrl(base: URL, next: string, redact: (text: string) => string): URL {
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    throw new GraphError({
      category: 'bad_request',
      message: redact(`paging URL is not a URL: ${next}`),
      path: redact(next),
    });
  }
  url.searchParams.delete('access_token');
  if (url.origin !== base.origin) {
    throw new GraphError({
      category: 'bad_request',
      message: redact(
        `paging URL ${url.href} is not on ${base.origin}; not sending the token there`,
      ),
      path: redact(url.pathname + url.search),
    });
  }
  return url;
}
