import type { SeedApp } from '../seed/seed.ts';

/** An http(s) URL without a fragment: what an OAuth redirect URI may be (RFC 6749 §3.1.2). */
export function isRedirectUri(value: unknown): value is string {
  if (typeof value !== 'string' || value.includes('#')) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An app listing its redirect URIs takes only those, compared exactly (as Meta does); otherwise any. */
export function acceptsRedirectUri(app: SeedApp, uri: string): boolean {
  return isRedirectUri(uri) && (app.redirectUris === undefined || app.redirectUris.includes(uri));
}

export function appName(app: SeedApp): string {
  return app.name ?? `app ${app.appId}`;
}
