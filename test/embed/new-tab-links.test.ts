import { describe, expect, it } from 'vitest';
import { openLinksInNewTab } from '../../integration/embed/new-tab-links.ts';

describe('links of an embed page', () => {
  it('open in a new tab without a handle on the frame', () => {
    expect(
      openLinksInNewTab(
        '<p><a href="/a/">A</a> and <a class="x" href="https://b.example/">B</a></p>',
      ),
    ).toBe(
      '<p><a href="/a/" target="_blank" rel="noopener">A</a> and <a class="x" href="https://b.example/" target="_blank" rel="noopener">B</a></p>',
    );
  });

  it('keep their own rel values and get noopener only once', () => {
    expect(openLinksInNewTab('<a href="/a" rel="noopener">A</a>')).toBe(
      '<a href="/a" rel="noopener" target="_blank">A</a>',
    );
    expect(openLinksInNewTab("<a href='/a' rel='nofollow'>A</a>")).toBe(
      "<a href='/a' rel='nofollow noopener' target=\"_blank\">A</a>",
    );
  });

  it('replace a target of their own', () => {
    expect(openLinksInNewTab('<a href="/a" target="_self">A</a>')).toBe(
      '<a href="/a" target="_blank" rel="noopener">A</a>',
    );
  });

  it('are found whatever their attributes hold, and other tags are left alone', () => {
    const html =
      '<a href="/p.webp" style="background-image: url(data:image/webp;base64,UklG+/=)" data-note="a > b">x</a><abbr title="a">b</abbr><area href="/z">';
    expect(openLinksInNewTab(html)).toBe(
      '<a href="/p.webp" style="background-image: url(data:image/webp;base64,UklG+/=)" data-note="a > b" target="_blank" rel="noopener">x</a><abbr title="a">b</abbr><area href="/z">',
    );
  });
});
