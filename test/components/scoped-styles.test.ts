import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectorsOf, subjectOf, withoutArguments } from './css-selectors.ts';

/**
 * The components' CSS must not leak into a host page: every rule styles an element that carries
 * the component's scope attribute or one of our `.ais-` classes. The CSS checked is what Astro
 * and Vite make of each <style> (this project runs with `css: true`), i.e. what a page ships.
 */
const COMPONENTS = path.resolve(import.meta.dirname, '../../integration/components');
const files = (await readdir(COMPONENTS, { recursive: true }))
  .filter((file) => file.endsWith('.astro'))
  .sort();

async function compiledStyles(file: string): Promise<string[]> {
  const source = await readFile(path.join(COMPONENTS, file), 'utf8');
  const count = source.match(/<style\b/g)?.length ?? 0;
  const url = path.join(COMPONENTS, file);
  await import(/* @vite-ignore */ url); // compiles the component, which registers its styles
  return Promise.all(
    Array.from({ length: count }, async (_, index) =>
      String(
        (await import(/* @vite-ignore */ `${url}?astro&type=style&index=${index}&inline&lang.css`))
          .default,
      ),
    ),
  );
}

const isScoped = (selector: string) =>
  /\[data-astro-cid-[a-z0-9]+\]|\.ais-[\w-]+/.test(withoutArguments(subjectOf(selector)));

describe('the checker', () => {
  it('tells scoped selectors from leaking ones', () => {
    const css = `
      .ais-card[data-astro-cid-abc] { margin: 0 }
      @media (min-width: 40rem) { figure[data-astro-cid-abc], .x .ais-meta:hover { color: red } }
      .ais-gallery figcaption, :not(.ais-x) { padding: 0 }
      @keyframes spin { from { rotate: 0 } to { rotate: 1turn } }`;
    expect(selectorsOf(css).filter((selector) => !isScoped(selector))).toEqual([
      '.ais-gallery figcaption',
      ':not(.ais-x)',
    ]);
  });
});

describe('the CSS the components ship', () => {
  it.each(files)(
    '%s: every selector styles a scoped or .ais- element, and there is no is:global',
    async (file) => {
      const source = await readFile(path.join(COMPONENTS, file), 'utf8');
      expect(source).not.toMatch(/<style[^>]*is:global/);
      const styles = await compiledStyles(file);
      for (const css of styles) {
        const selectors = selectorsOf(css);
        expect(selectors.length, `${file} has rules`).toBeGreaterThan(0);
        expect(
          selectors.filter((selector) => !isScoped(selector)),
          file,
        ).toEqual([]);
      }
    },
  );

  it('has theme values only from --ais- custom properties (and the private --_ ones they fill)', async () => {
    const css = (await Promise.all(files.map(compiledStyles))).flat().join('\n');
    const read = [...css.matchAll(/var\((--[\w-]+)/g)].map((match) => match[1]!);
    expect(read.filter((name) => !name.startsWith('--ais-') && !name.startsWith('--_'))).toEqual(
      [],
    );
  });

  it("includes PhotoSwipe's stylesheet, which styles only PhotoSwipe's own elements (.pswp)", async () => {
    const css = String((await import('photoswipe/style.css?inline')).default);
    const selectors = selectorsOf(css);
    expect(selectors.length).toBeGreaterThan(20);
    const insidePhotoSwipe = (selector: string) => /\.pswp/.test(selector.split(/[\s>+~]/)[0]!);
    expect(selectors.filter((selector) => !insidePhotoSwipe(selector))).toEqual([]);
  });
});

describe('the layouts', () => {
  it('are a grid, CSS columns (masonry) and one scroll-snapping row (strip)', async () => {
    const [css] = await compiledStyles('GalleryView.astro');
    const rule = (name: string) =>
      css!.match(new RegExp(`\\.ais-layout-${name}\\[[^\\]]+\\]\\s*\\{([^}]*)\\}`))?.[1] ?? '';
    expect(rule('grid')).toMatch(/display:\s*grid/);
    expect(rule('grid')).toMatch(/grid-template-columns:\s*repeat\(auto-fill/);
    expect(rule('masonry')).toMatch(/columns:\s*var\(--_column-width\) var\(--_columns\)/);
    expect(rule('strip')).toMatch(/grid-auto-flow:\s*column/);
    expect(rule('strip')).toMatch(/overflow-x:\s*auto/);
    expect(rule('strip')).toMatch(/scroll-snap-type:\s*x mandatory/);
  });
});
