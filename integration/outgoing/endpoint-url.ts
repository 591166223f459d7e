/** A webhook endpoint's URL that cannot be used, with what to do instead. */
export class EndpointUrlError extends Error {
  override readonly name = 'EndpointUrlError';
}

const MAX_URL_LENGTH = 2000;

/**
 * The URL to send to, normalized; throws EndpointUrlError. http and https only, with no user or
 * password in it (they would be shown in /admin). Private and loopback addresses are allowed:
 * only an admin adds endpoints, and receivers often run next to the site.
 */
export function endpointUrl(input: string): string {
  const text = input.trim();
  if (text === '') throw new EndpointUrlError('Give the URL that receives the webhooks.');
  if (text.length > MAX_URL_LENGTH)
    throw new EndpointUrlError(`The URL is longer than ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EndpointUrlError(
      'The URL is not a full URL: give one like https://example.com/webhooks.',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new EndpointUrlError(`Use an http or https URL, not ${url.protocol.slice(0, 20)}.`);
  if (url.username !== '' || url.password !== '')
    throw new EndpointUrlError(
      'Leave the user and password out of the URL: the signature authenticates each delivery.',
    );
  url.hash = '';
  return url.toString();
}
