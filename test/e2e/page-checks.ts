/**
 * What every page is held to, shared by the public and the admin page tests: no axe-core
 * violation (all of axe's rules but the experimental ones), no sideways scrolling on a phone,
 * and a full-page screenshot kept as a test artifact. The checks are soft: a page reports every
 * problem it has at once.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { ROOT } from './support.ts';

export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** axe-core on the page as it is now: every violation listed with its nodes, none expected. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
        .slice(0, 5)
        .map(
          (node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ')}`,
        )
        .join('\n')}`,
  );
  expect.soft(found, `axe-core on ${page.url()}`).toEqual([]);
}

/** The document is no wider than the viewport. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth, widest } = await page.evaluate(() => {
    const root = document.documentElement;
    // The element reaching furthest right outside any scroller, to name the culprit.
    const inScroller = (element: Element) => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement)
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      return false;
    };
    let widest = '';
    let right = root.clientWidth;
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.right > right + 0.5 && !inScroller(element)) {
        right = box.right;
        widest = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${
          element.classList.length ? `.${[...element.classList].join('.')}` : ''
        } reaches ${Math.round(box.right)} px`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
  expect
    .soft(scrollWidth, `${page.url()} scrolls sideways: ${widest}`)
    .toBeLessThanOrEqual(clientWidth);
}

/**
 * A full-page screenshot under test-results/screenshots/<viewport>/, named after the path: a
 * JPEG, which costs a fraction of a PNG's encoding time for a long gallery.
 */
export async function keepScreenshot(page: Page, viewport: string, path: string): Promise<void> {
  const name = path.replace(/^\/|\/$/g, '').replace(/[^\w.-]+/g, '_') || 'index';
  await page.screenshot({
    path: `${ROOT}test-results/screenshots/${viewport}/${name}.jpg`,
    type: 'jpeg',
    quality: 80,
    fullPage: true,
  });
}
