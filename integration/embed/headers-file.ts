/**
 * Response headers by path, in the `_headers` file format that Netlify and Cloudflare Pages read
 * from the build output: a path pattern at the start of a line, then indented `Name: value`
 * lines. `*` matches any rest of the path and `:name` one path segment.
 */
export interface HeaderRule {
  /** A site path, e.g. "/embed/*" or "/instagram/feed.json". */
  path: string;
  headers: Record<string, string>;
}

export function formatHeadersFile(rules: HeaderRule[], comment?: string): string {
  const lines = comment ? [`# ${comment}`] : [];
  for (const rule of rules) {
    lines.push(
      rule.path,
      ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: {} });
      continue;
    }
    const separator = line.indexOf(':');
    const rule = rules.at(-1);
    if (rule && separator > 0)
      rule.headers[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  return rules;
}

/** The headers every rule matching `pathname` sets; a header set by several rules gets their values joined by ", ". */
export function headersFor(pathname: string, rules: HeaderRule[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules.filter((r) => pathPattern(r.path).test(pathname))) {
    for (const [name, value] of Object.entries(rule.headers)) {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
      headers[key] = headers[key] ? `${headers[key]}, ${value}` : value;
    }
  }
  return headers;
}

function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\*|:[A-Za-z]\w*)/)
    .map((part) =>
      part === '*'
        ? '.*'
        : part.startsWith(':')
          ? '[^/]+'
          : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}
