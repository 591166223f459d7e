const MASK = '***';

/** Query parameters that carry a secret in Graph and OAuth URLs (Graph API docs, "Access Tokens"). */
const SECRET_PARAMS = 'access_token|client_secret|code|fb_exchange_token|input_token';

/** A token value: base64url, base64, URL-encoded, or `app-id|secret`. */
const TOKEN_CHARS = '[\\w.~+/=|%-]+';

type Replacement = string | ((match: string, ...groups: string[]) => string);

const REDACTIONS: ReadonlyArray<[RegExp, Replacement]> = [
  // `name=value` in a URL or form body; not when part of a longer name such as `error_code=`.
  [new RegExp(`(?<![\\w.-])(${SECRET_PARAMS})=[^&\\s#"'<>]+`, 'gi'), `$1=${MASK}`],
  // the same, URL-encoded inside another URL (`access_token%3D…%26`).
  [
    new RegExp(`(?:(?<=%3F|%26)|(?<![\\w.-]))(${SECRET_PARAMS})%3D(?:(?!%26)[^&\\s#"'<>])+`, 'gi'),
    `$1%3D${MASK}`,
  ],
  // the same as JSON string members (`"access_token":"…"`).
  [new RegExp(`"(${SECRET_PARAMS})"(\\s*:\\s*)"[^"]*"`, 'gi'), `"$1"$2"${MASK}"`],
  [
    new RegExp(`\\b(authorization\\s*[:=]\\s*)(?:(bearer|oauth|basic)\\s+)?${TOKEN_CHARS}`, 'gi'),
    (_match, name: string, scheme?: string) => `${name}${scheme ? `${scheme} ` : ''}${MASK}`,
  ],
  [new RegExp(`\\b(bearer)\\s+${TOKEN_CHARS}`, 'gi'), `$1 ${MASK}`],
  // Instagram user tokens start with IGAA (older IGQV), Facebook tokens with EAA.
  [/\b(?:IGAA|IGQV|EAA)[A-Za-z0-9_-]{20,}/g, MASK],
];

/** Shorter strings are too likely to occur in ordinary text to replace literally. */
const MIN_LITERAL_SECRET = 4;

/**
 * Removes access tokens and other secrets from a URL, header, log line or message.
 * `secrets` are also removed wherever they appear literally (plain or URL-encoded),
 * for tokens that match none of the patterns.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) out = replaceLiteral(out, secret);
  for (const [pattern, replacement] of REDACTIONS) {
    out =
      typeof replacement === 'string'
        ? out.replace(pattern, replacement)
        : out.replace(pattern, replacement);
  }
  return out;
}

function replaceLiteral(text: string, secret: string): string {
  if (secret.length < MIN_LITERAL_SECRET) return text;
  let out = text.split(secret).join(MASK);
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) out = out.split(encoded).join(MASK);
  return out;
}

/** A redactor bound to the secrets one client knows about. */
export function redactorFor(secrets: readonly string[]): (text: string) => string {
  return (text) => redact(text, secrets);
}
