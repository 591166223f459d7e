import { parseTimeParam } from './dates.ts';
import { GraphError, invalidParameter } from './errors.ts';

/** `since`/`until`: unix seconds or a date string, in ms; undefined when absent. */
export function readTimeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = parseTimeParam(raw);
  if (Number.isNaN(ms))
    throw new GraphError(
      invalidParameter(`The parameter ${name} must be a unix timestamp or a date string`),
    );
  return ms;
}
