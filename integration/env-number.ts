import type { Env } from './shared/env.ts';

/** A whole-number setting from the environment, in a range; the error names it, the range and its default. */
export function wholeNumberSetting(
  env: Env,
  name: string,
  range: { min: number; max: number; fallback: number; unit?: string },
): number {
  const value = Number(env[name] ?? range.fallback);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new Error(
      `${name} must be a whole number${range.unit ? ` of ${range.unit}` : ''} from ${range.min} to ${range.max} (default ${range.fallback}).`,
    );
  }
  return value;
}
