import { addDays, daysBetween, localParts } from './dates.ts';

/** A bad analytics request: the message names the parameter and says what to send. */
export class AnalyticsInputError extends Error {
  /** Recognised by name: `instanceof` fails across two copies of this module. */
  static is(error: unknown): error is AnalyticsInputError {
    return error instanceof Error && error.name === 'AnalyticsInputError';
  }

  readonly parameter: string;

  constructor(parameter: string, message: string) {
    super(message);
    this.name = 'AnalyticsInputError';
    this.parameter = parameter;
  }
}

export interface AnalyticsSettings {
  /** IANA zone for dates, weekdays and hours (IG_ANALYTICS_TIMEZONE, default UTC). */
  timeZone: string;
  /** IG_DEFAULT_START_DATE: the default `since`, else 90 days before `until`. */
  defaultStartDate?: string;
  /** The longest range in days (IG_ANALYTICS_MAX_DAYS, default 366). */
  maxDays: number;
}

export interface AnalyticsQuery {
  account?: string;
  since: string;
  until: string;
  /** `fresh=1`: compute again even when a cached payload is fresh. */
  fresh: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EARLIEST_DATE = '1970-01-01';

export function parseAnalyticsQuery(
  params: URLSearchParams,
  settings: AnalyticsSettings,
  now = Date.now(),
): AnalyticsQuery {
  const today = localParts(now, settings.timeZone).date;
  const account = params.get('account') || undefined;
  if (account !== undefined && !/^\d{1,30}$/.test(account)) {
    throw new AnalyticsInputError(
      'account',
      `account must be the Instagram user id of a connected account (digits only); got "${account}".`,
    );
  }
  const until = dateParam(params, 'until') ?? today;
  const since = dateParam(params, 'since') ?? settings.defaultStartDate ?? addDays(until, -90);
  if (until > today)
    throw new AnalyticsInputError(
      'until',
      `until (${until}) is after today (${today} in ${settings.timeZone}); Instagram has no data for the future.`,
    );
  if (since > until)
    throw new AnalyticsInputError(
      'since',
      `since (${since}) is after until (${until}); swap them.`,
    );
  const days = daysBetween(since, until);
  if (days > settings.maxDays) {
    throw new AnalyticsInputError(
      'since',
      `since…until spans ${days} days; at most ${settings.maxDays} are allowed (IG_ANALYTICS_MAX_DAYS). Choose a later since or an earlier until.`,
    );
  }
  return { ...(account && { account }), since, until, fresh: params.get('fresh') === '1' };
}

function dateParam(params: URLSearchParams, name: 'since' | 'until'): string | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (
    !DATE.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new AnalyticsInputError(
      name,
      `${name} must be a date as YYYY-MM-DD, e.g. 2026-04-29; got "${value}".`,
    );
  }
  // Dates before 1970 are no Instagram data, and 90 days before year 0 is no date at all.
  if (value < EARLIEST_DATE)
    throw new AnalyticsInputError(
      name,
      `${name} must be on or after ${EARLIEST_DATE}; got "${value}".`,
    );
  return value;
}
