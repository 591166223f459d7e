import { describe, expect, it } from 'vitest';
import { AnalyticsInputError, parseAnalyticsQuery } from '../../integration/analytics/index.ts';

const settings = { timeZone: 'Europe/Berlin', maxDays: 366 };
const NOW = Date.parse('2026-11-24T23:30:00Z'); // already the 25th in Berlin
const parse = (query: string, extra = {}) =>
  parseAnalyticsQuery(new URLSearchParams(query), { ...settings, ...extra }, NOW);

function refusal(query: string, extra = {}): AnalyticsInputError {
  try {
    parse(query, extra);
  } catch (error) {
    if (AnalyticsInputError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('analytics query parameters', () => {
  it('defaults to the 90 days before today in the configured time zone', () => {
    expect(parse('')).toEqual({ since: '2026-08-27', until: '2026-11-25', fresh: false });
    expect(parse('', { defaultStartDate: '2026-01-01' }).since).toBe('2026-01-01');
    expect(parse('account=17841400000000001&since=2026-10-01&until=2026-10-31&fresh=1')).toEqual({
      account: '17841400000000001',
      since: '2026-10-01',
      until: '2026-10-31',
      fresh: true,
    });
  });

  it.each([
    [
      'since=2026-13-01',
      'since',
      'since must be a date as YYYY-MM-DD, e.g. 2026-04-29; got "2026-13-01".',
    ],
    [
      'until=yesterday',
      'until',
      'until must be a date as YYYY-MM-DD, e.g. 2026-04-29; got "yesterday".',
    ],
    [
      'since=2026-02-30',
      'since',
      'since must be a date as YYYY-MM-DD, e.g. 2026-04-29; got "2026-02-30".',
    ],
    [
      'since=2026-11-02&until=2026-11-01',
      'since',
      'since (2026-11-02) is after until (2026-11-01); swap them.',
    ],
    [
      'until=2026-11-26',
      'until',
      'until (2026-11-26) is after today (2026-11-25 in Europe/Berlin); Instagram has no data for the future.',
    ],
    [
      'since=2025-01-01&until=2026-11-01',
      'since',
      'since…until spans 670 days; at most 366 are allowed (IG_ANALYTICS_MAX_DAYS). Choose a later since or an earlier until.',
    ],
    [
      'account=@northlight',
      'account',
      'account must be the Instagram user id of a connected account (digits only); got "@northlight".',
    ],
  ])('%s → 400 naming %s', (query, parameter, message) => {
    const error = refusal(query);
    expect(error.parameter).toBe(parameter);
    expect(error.message).toBe(message);
  });
});
