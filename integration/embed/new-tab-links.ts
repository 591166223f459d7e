// An <a> start tag: attribute values may hold ">" only inside quotes.
const ANCHOR = /<a\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const REL = /(\srel\s*=\s*)(["'])(.*?)\2/i;

/**
 * Every link of `html` opens in a new tab, without giving the new page a handle on the frame
 * (`target="_blank" rel="noopener"`): a page inside an iframe should not navigate the iframe.
 */
export function openLinksInNewTab(html: string): string {
  return html.replace(ANCHOR, (tag) => {
    const result = /\starget\s*=/i.test(tag)
      ? tag.replace(/(\starget\s*=\s*)(["']?)[^"'\s>]*\2/i, '$1"_blank"')
      : insert(tag, ' target="_blank"');
    if (!REL.test(result)) return insert(result, ' rel="noopener"');
    return result.replace(REL, (whole, prefix: string, quote: string, value: string) =>
      value.split(/\s+/).includes('noopener')
        ? whole
        : `${prefix}${quote}${`${value} noopener`.trim()}${quote}`,
    );
  });
}

function insert(tag: string, attribute: string): string {
  return tag.replace(/\s*\/?>$/, (end) => `${attribute}${end}`);
}
