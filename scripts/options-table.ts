// `npm run docs:options`: writes the options table of docs/configuration.md from
// integration/options.ts (its zod schema and the description and environment variable each option
// carries), so the table cannot drift from the code. test/options/options-table.test.ts fails when
// the page is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'astro/zod';
import { optionsSchema } from '../integration/options.ts';

export const START = '<!-- options-table:start (npm run docs:options) -->';
export const END = '<!-- options-table:end -->';

interface Node {
  description?: string;
  env?: string;
  shownDefault?: string;
  default?: unknown;
  type?: string | string[];
  const?: unknown;
  properties?: Record<string, Node>;
  oneOf?: Node[];
  anyOf?: Node[];
  items?: Node;
}

/** The Markdown table: one row per documented option, in schema order. */
export function optionsTable(): string {
  const schema = z.toJSONSchema(optionsSchema, { io: 'input', unrepresentable: 'any' }) as Node;
  const rows = rowsOf(schema, '');
  return ['| option | environment | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

function rowsOf(node: Node, path: string): string[] {
  if (node.description) return [row(path, node)];
  const variants = node.oneOf ?? node.anyOf;
  if (variants) return variants.flatMap((variant) => rowsOf(variant, path));
  if (node.properties)
    return Object.entries(node.properties).flatMap(([key, child]) =>
      rowsOf(child, path ? `${path}.${key}` : key),
    );
  throw new Error(
    `integration/options.ts: option \`${path}\` has no description; document it with doc(schema, description, env).`,
  );
}

function row(path: string, node: Node): string {
  const name = node.const !== undefined ? `${path}: ${JSON.stringify(node.const)}` : path;
  const fallback =
    node.shownDefault ?? (node.default === undefined ? 'none' : JSON.stringify(node.default));
  const shown = fallback === 'none' ? fallback : `\`${fallback}\``;
  return `| \`${name}\` | ${node.env ? `\`${node.env}\`` : ''} | ${node.const !== undefined ? '' : shown} | ${node.description} |`;
}

/** The page that holds the table, relative to the repository root. */
export const PAGE = 'docs/configuration.md';

/** The page with its table section replaced. */
export function withTable(page: string, table: string): string {
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start === -1 || end < start)
    throw new Error(`${PAGE}: the markers ${START} and ${END} are missing.`);
  return `${page.slice(0, start + START.length)}\n${table}\n${page.slice(end)}`;
}

if (import.meta.main) {
  const file = new URL(`../${PAGE}`, import.meta.url);
  await writeFile(file, withTable(await readFile(file, 'utf8'), optionsTable()));
  console.log(`${PAGE}: options table written`);
}
