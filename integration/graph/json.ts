const INTEGER_LITERAL = /^-?\d+$/;

interface ReviverContext {
  source?: string;
}

/**
 * `JSON.parse` that keeps integers beyond `Number.MAX_SAFE_INTEGER` as their exact digits
 * (strings). Graph ids are strings, but some payloads carry them as numbers (the Instagram token
 * exchange's `user_id`, e.g. 27640875392278831) and a double would silently change them.
 * Throws `SyntaxError` on malformed input, like `JSON.parse`.
 */
export function parseJson(text: string): unknown {
  return JSON.parse(text, keepBigIntegers);
}

// The reviver's third argument (`context.source`, the literal's original text) is in Node ≥ 21.
function keepBigIntegers(
  this: unknown,
  _key: string,
  value: unknown,
  context?: ReviverContext,
): unknown {
  if (typeof value !== 'number' || Number.isSafeInteger(value)) return value;
  const source = context?.source;
  return source !== undefined && INTEGER_LITERAL.test(source) ? source : value;
}
