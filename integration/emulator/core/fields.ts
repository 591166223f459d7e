import { GraphError, fieldsSyntaxError } from './errors.ts';

/** One entry of a `fields` list: `children.limit(5){id,media_type}` → name, modifiers, sub-fields. */
export interface FieldRequest {
  name: string;
  modifiers: Record<string, string>;
  fields?: FieldRequest[];
}

/** Parses Graph's `fields` syntax (field expansion and edge modifiers); undefined when absent or empty. */
export function parseFields(raw: string | null): FieldRequest[] | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const parser = { text: raw, at: 0 };
  const fields = parseList(parser);
  skipSpace(parser);
  if (parser.at < raw.length) syntaxError(parser, 'end of string');
  return fields;
}

/** A list modifier such as `insights.metric(reach, views)` → `['reach', 'views']`; undefined when absent. */
export function modifierList(
  field: Pick<FieldRequest, 'modifiers'>,
  name: string,
): string[] | undefined {
  return splitList(field.modifiers[name] ?? null);
}

/** A comma list as Graph takes it (`metric=reach,views`): trimmed, empty entries dropped; undefined when absent or empty. */
export function splitList(raw: string | null): string[] | undefined {
  const items = (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/** Whether `name` is asked for anywhere, expansions included (`media{children{insights}}`). */
export function requestsField(fields: FieldRequest[] | undefined, name: string): boolean {
  return (fields ?? []).some((field) => field.name === name || requestsField(field.fields, name));
}

/** The inverse of parseFields, for `paging.next` URLs of expanded edges. */
export function formatFields(fields: FieldRequest[]): string {
  return fields.map(formatField).join(',');
}

function formatField(field: FieldRequest): string {
  const modifiers = Object.entries(field.modifiers)
    .map(([name, value]) => `.${name}(${value})`)
    .join('');
  return `${field.name}${modifiers}${field.fields ? `{${formatFields(field.fields)}}` : ''}`;
}

interface Parser {
  text: string;
  at: number;
}

function parseList(parser: Parser): FieldRequest[] {
  const fields: FieldRequest[] = [];
  do {
    skipSpace(parser);
    // Graph tolerates empty entries such as a trailing comma.
    if (peek(parser) === ',' || peek(parser) === '}' || parser.at >= parser.text.length) continue;
    fields.push(parseField(parser));
    skipSpace(parser);
  } while (consume(parser, ','));
  return fields;
}

function parseField(parser: Parser): FieldRequest {
  const field: FieldRequest = { name: readName(parser), modifiers: {} };
  while (consume(parser, '.')) {
    const modifier = readName(parser);
    expect(parser, '(');
    field.modifiers[modifier] = readUntil(parser, ')');
    expect(parser, ')');
  }
  skipSpace(parser);
  if (consume(parser, '{')) {
    field.fields = parseList(parser);
    expect(parser, '}');
  }
  return field;
}

function readName(parser: Parser): string {
  skipSpace(parser);
  const match = /^[A-Za-z0-9_]+/.exec(parser.text.slice(parser.at));
  if (!match) syntaxError(parser, 'a field name');
  parser.at += match[0].length;
  return match[0];
}

function readUntil(parser: Parser, end: string): string {
  const stop = parser.text.indexOf(end, parser.at);
  if (stop < 0) syntaxError(parser, `"${end}"`);
  const value = parser.text.slice(parser.at, stop).trim();
  parser.at = stop;
  return value;
}

function expect(parser: Parser, char: string): void {
  skipSpace(parser);
  if (!consume(parser, char)) syntaxError(parser, `"${char}"`);
}

function consume(parser: Parser, char: string): boolean {
  if (peek(parser) !== char) return false;
  parser.at += 1;
  return true;
}

function peek(parser: Parser): string | undefined {
  return parser.text[parser.at];
}

function skipSpace(parser: Parser): void {
  while (peek(parser) === ' ') parser.at += 1;
}

function syntaxError(parser: Parser, expected: string): never {
  const found = peek(parser);
  const detail =
    found === undefined
      ? `Expected ${expected} instead of end of string.`
      : `Expected ${expected} instead of "${found}".`;
  throw new GraphError(fieldsSyntaxError(detail, parser.at, parser.text));
}
