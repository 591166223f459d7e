import type { Page } from '@playwright/test';

/** Starts recording the page's layout shifts (not those right after input) from its first paint. */
export async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { layoutShifts: number[] };
    w.layoutShifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[])
        if (!entry.hadRecentInput) w.layoutShifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** Every layout shift recorded so far, summed: stricter than Web Vitals' CLS (its worst 5 s window). */
export async function layoutShiftScore(page: Page): Promise<{ score: number; shifts: number[] }> {
  const shifts = await page.evaluate(
    () => (window as unknown as { layoutShifts: number[] }).layoutShifts,
  );
  return { score: shifts.reduce((sum, value) => sum + value, 0), shifts };
}
