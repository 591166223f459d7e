/** Pure geometry for the server-rendered SVG charts: scales, "nice" ticks and line paths. */

export interface Frame {
  width: number;
  height: number;
  /** Space for axis labels. */
  left: number;
  bottom: number;
  top: number;
  right: number;
}

export const FRAME: Frame = { width: 720, height: 240, left: 56, bottom: 28, top: 12, right: 12 };

/** Round upper bound and evenly spaced ticks from 0: 0, 250, 500… */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ??
    10 * magnitude;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, index) => index * step);
}

/** Maps a value in [0, top] to a y pixel (0 at the bottom of the plot). */
export function yScale(frame: Frame, top: number): (value: number) => number {
  const plot = frame.height - frame.top - frame.bottom;
  return (value) => frame.top + plot - (value / top) * plot;
}

/** The x pixel of the i-th of n evenly spaced points (or the centre of the i-th of n bands). */
export function xScale(frame: Frame, n: number, bands = false): (index: number) => number {
  const plot = frame.width - frame.left - frame.right;
  if (bands) return (index) => frame.left + (plot / n) * (index + 0.5);
  return (index) => frame.left + (n <= 1 ? plot / 2 : (plot / (n - 1)) * index);
}

/** An SVG path through the known values; a null breaks the line (no data is not zero). */
export function linePath(
  values: (number | null)[],
  x: (index: number) => number,
  y: (value: number) => number,
): string {
  let path = '';
  let pen = false;
  values.forEach((value, index) => {
    if (value === null) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
    pen = true;
  });
  return path;
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return value.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(2)}%`;
}
