import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const PREPARE = new URL('../../integration/publish/prepare/', import.meta.url);

/** Every module caption.ts loads, following relative imports. */
function moduleGraph(file: string, seen = new Set<string>()): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  if (seen.has(file)) return graph;
  seen.add(file);
  const source = readFileSync(new URL(file, PREPARE), 'utf8');
  const specifiers = [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map(
    (match) => match[1]!,
  );
  graph.set(file, specifiers);
  for (const specifier of specifiers.filter((s) => s.startsWith('./'))) {
    for (const [key, value] of moduleGraph(specifier.slice(2), seen)) graph.set(key, value);
  }
  return graph;
}

describe('caption rules in the browser', () => {
  it('load without Node built-ins or packages, so the admin UI can count live', () => {
    const graph = moduleGraph('caption.ts');
    expect([...graph.keys()].sort()).toEqual(['caption.ts', 'errors.ts', 'limits.ts']);
    const external = [...graph.values()].flat().filter((specifier) => !specifier.startsWith('./'));
    expect(external).toEqual([]);
  });
});
