/**
 * The selectors of a stylesheet and the element each one styles, enough to check the CSS the
 * components ship. Handles comments, at-rule blocks (@media, @supports, @container, @layer)
 * and skips @keyframes and @font-face bodies; not a general CSS parser.
 */
export function selectorsOf(css: string): string[] {
  const selectors: string[] = [];
  const blocks: ('at' | 'opaque' | 'rule')[] = [];
  let prelude = '';
  for (const char of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
    if (char === '{') {
      const text = prelude.trim();
      prelude = '';
      if (blocks.at(-1) === 'opaque') blocks.push('opaque');
      else if (/^@(keyframes|-webkit-keyframes|font-face|property|page)\b/.test(text))
        blocks.push('opaque');
      else if (text.startsWith('@')) blocks.push('at');
      else {
        selectors.push(...splitTopLevel(text, ','));
        blocks.push('rule');
      }
    } else if (char === '}') {
      blocks.pop();
      prelude = '';
    } else if (char === ';') {
      prelude = '';
    } else {
      prelude += char;
    }
  }
  return selectors.map((selector) => selector.trim().replace(/\s+/g, ' '));
}

/** The last compound selector: the element a selector styles (`.a > .b:hover` → `.b:hover`). */
export function subjectOf(selector: string): string {
  const parts = splitTopLevel(selector.replace(/\s*([>+~])\s*/g, ' '), ' ');
  return parts.at(-1)!;
}

/** The compound with the insides of its pseudo-class arguments removed (`:not(.x)` → `:not()`). */
export function withoutArguments(compound: string): string {
  let text = compound;
  while (/\([^()]*\)/.test(text)) text = text.replace(/\([^()]*\)/g, '');
  return text;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(' || char === '[') depth++;
    if (char === ')' || char === ']') depth--;
    if (char === separator && depth === 0) {
      if (current.trim()) parts.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
