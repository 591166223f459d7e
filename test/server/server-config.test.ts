import { describe, expect, it } from 'vitest';
import { readServerConfig } from '../../integration/server/config.ts';

describe('the server settings', () => {
  it('waits 10 minutes for videos by default, or IG_PUBLISH_VIDEO_TIMEOUT_MINUTES', () => {
    expect(readServerConfig({}).videoProcessingTimeoutMs).toBe(600_000);
    expect(
      readServerConfig({ IG_PUBLISH_VIDEO_TIMEOUT_MINUTES: '3' }).videoProcessingTimeoutMs,
    ).toBe(180_000);
  });

  it.each(['0', '121', '2.5', 'ten'])(
    'refuses IG_PUBLISH_VIDEO_TIMEOUT_MINUTES=%s, naming it and the range',
    (value) => {
      expect(() => readServerConfig({ IG_PUBLISH_VIDEO_TIMEOUT_MINUTES: value })).toThrow(
        'IG_PUBLISH_VIDEO_TIMEOUT_MINUTES must be a whole number of minutes from 1 to 120 (default 10).',
      );
    },
  );

  it('leases publish jobs for 30 s by default, or IG_PUBLISH_LEASE_SECONDS (3 to 600)', () => {
    expect(readServerConfig({}).publishLeaseMs).toBe(30_000);
    expect(readServerConfig({ IG_PUBLISH_LEASE_SECONDS: '5' }).publishLeaseMs).toBe(5_000);
    expect(() => readServerConfig({ IG_PUBLISH_LEASE_SECONDS: '2' })).toThrow(
      'IG_PUBLISH_LEASE_SECONDS must be a whole number of seconds from 3 to 600 (default 30).',
    );
  });

  it('refuses IG_REFRESH_LEAD_DAYS outside 1 to 59', () => {
    expect(() => readServerConfig({ IG_REFRESH_LEAD_DAYS: '60' })).toThrow(
      'IG_REFRESH_LEAD_DAYS must be a whole number of days from 1 to 59',
    );
  });

  it('reads /tags every 15 minutes by default, TAGS_POLL_MINUTES otherwise (0: never)', () => {
    expect(readServerConfig({}).tagsPollMs).toBe(900_000);
    expect(readServerConfig({ TAGS_POLL_MINUTES: '0' }).tagsPollMs).toBe(0);
    expect(() => readServerConfig({ TAGS_POLL_MINUTES: '-1' })).toThrow(
      'TAGS_POLL_MINUTES must be a whole number of minutes from 0 to 1440 (default 15).',
    );
  });
});
