import { describe, expect, it } from 'vitest';
import {
  formatPercent,
  linePath,
  niceTicks,
  xScale,
  yScale,
  type Frame,
} from '../../integration/components/charts/geometry.ts';

const frame: Frame = { width: 110, height: 60, left: 10, right: 0, top: 0, bottom: 10 };

describe('chart geometry', () => {
  it('picks round ticks from 0 that cover the largest value', () => {
    expect(niceTicks(268_670)).toEqual([0, 100_000, 200_000, 300_000]);
    expect(niceTicks(9)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('draws a line through known values and breaks it where a value is missing', () => {
    const x = xScale(frame, 5); // 0, 25, 50, 75, 100 (+10)
    const y = yScale(frame, 100); // 100 → 0, 0 → 50
    expect(linePath([0, 100, null, 50, 50], x, y)).toBe('M10.0,50.0L35.0,0.0M85.0,25.0L110.0,25.0');
    expect(linePath([null, null], x, y)).toBe('');
  });

  it('centres bars in their bands', () => {
    expect(xScale(frame, 4, true)(0)).toBe(22.5);
  });

  it('formats rates as percentages, and no data as a dash', () => {
    expect(formatPercent(0.145882)).toBe('14.59%');
    expect(formatPercent(null)).toBe('—');
  });
});
