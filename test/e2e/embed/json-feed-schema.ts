/** A validator for JSON Feed 1.1 (the schema in test/fixtures/jsonfeed-1.1.schema.json), with the URL and date formats it uses. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ROOT } from '../support.ts';

// RFC 3339 date-time (its section 5.6), as JSON Feed requires for dates.
const RFC_3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function jsonFeedValidator() {
  const ajv = new Ajv({ allErrors: true });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat(
    'date-time',
    (value: string) => RFC_3339.test(value) && !Number.isNaN(Date.parse(value)),
  );
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/jsonfeed-1.1.schema.json'), 'utf8'),
  ) as object;
  const validate = ajv.compile(schema);
  /** The schema's complaints about `feed`, one line each; none when it is valid. */
  return (feed: unknown): string[] =>
    validate(feed)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
