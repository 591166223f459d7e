import { describe, expect, it } from 'vitest';
import {
  parseEventFile,
  type GalleryEvent,
  type WindowDefaults,
} from '../../integration/events/event-file.ts';
import {
  earliestWindowStart,
  matchPostsToEvents,
  postMatchesEvent,
  type MatchablePost,
} from '../../integration/events/match-window.ts';

const NO_MARGINS: WindowDefaults = { before: 0, after: 0 };

/** An event parsed from YAML, exactly as the loaders build it. */
function event(
  id: string,
  fields: Record<string, string>,
  defaults: WindowDefaults = NO_MARGINS,
): GalleryEvent {
  const source = Object.entries({ title: id, timezone: 'Europe/Berlin', ...fields })
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
  return parseEventFile(source, `content/events/${id}.yaml`, id, defaults);
}

let nextId = 1;
function post(timestamp: string, extra: Partial<MatchablePost> = {}): MatchablePost {
  return { id: `1790000000000000${nextId++}`, timestamp, ...extra };
}

describe('window edges', () => {
  // 18:00–23:00 CEST with 1 h before and 2 h after: 15:00Z … 23:00Z.
  const party = event(
    'party',
    { start: '2026-04-29T18:00', end: '2026-04-29T23:00' },
    { before: '1h', after: '2h' },
  );

  it('builds the window from the margins', () => {
    expect(party.window.fromUtc).toBe('2026-04-29T15:00:00.000Z');
    expect(party.window.toUtc).toBe('2026-04-29T23:00:00.000Z');
  });

  it('includes a post made exactly at the start of the window', () => {
    expect(postMatchesEvent(post('2026-04-29T15:00:00Z'), party)).toBe(true);
  });

  it('includes a post made exactly at the end of the window', () => {
    expect(postMatchesEvent(post('2026-04-29T23:00:00Z'), party)).toBe(true);
  });

  it('excludes a post made one second before the window', () => {
    expect(postMatchesEvent(post('2026-04-29T14:59:59Z'), party)).toBe(false);
  });

  it('excludes a post made one second after the window', () => {
    expect(postMatchesEvent(post('2026-04-29T23:00:01Z'), party)).toBe(false);
  });

  it('reads the Graph API timestamp format with a +0000 offset', () => {
    expect(postMatchesEvent(post('2026-04-29T15:00:00+0000'), party)).toBe(true);
    expect(postMatchesEvent(post('2026-04-29T14:59:59+0000'), party)).toBe(false);
  });

  it('compares instants, not wall-clock text, for timestamps with other offsets', () => {
    // 01:00 on 30 April in Berlin is 23:00Z on 29 April: the last instant of the window.
    expect(postMatchesEvent(post('2026-04-30T01:00:00+02:00'), party)).toBe(true);
    expect(postMatchesEvent(post('2026-04-30T01:00:01+02:00'), party)).toBe(false);
  });

  it('excludes a post whose timestamp cannot be read', () => {
    expect(postMatchesEvent(post('yesterday evening'), party)).toBe(false);
  });
});

describe('windows across midnight and DST changes', () => {
  it('includes a post after midnight in an event that spans midnight', () => {
    const afterparty = event('afterparty', { start: '2026-06-20T22:00', end: '2026-06-21T02:00' });
    expect(postMatchesEvent(post('2026-06-20T23:30:00Z'), afterparty)).toBe(true); // 01:30 CEST on the 21st
    expect(postMatchesEvent(post('2026-06-21T00:00:00Z'), afterparty)).toBe(true); // 02:00 CEST: the end
    expect(postMatchesEvent(post('2026-06-21T00:00:01Z'), afterparty)).toBe(false);
  });

  it('includes a post during the spring-forward night in an event spanning it', () => {
    const nightRun = event('night-run', { start: '2026-03-28T21:00', end: '2026-03-29T04:00' });
    expect(nightRun.window.fromUtc).toBe('2026-03-28T20:00:00.000Z'); // 21:00 CET
    expect(nightRun.window.toUtc).toBe('2026-03-29T02:00:00.000Z'); // 04:00 CEST
    expect(postMatchesEvent(post('2026-03-29T01:30:00Z'), nightRun)).toBe(true); // 03:30 CEST
    expect(postMatchesEvent(post('2026-03-29T02:00:01Z'), nightRun)).toBe(false);
  });

  it('ends an event at 03:30 CET after the fall-back, i.e. at 02:30Z', () => {
    const harvest = event('harvest-night', { start: '2026-10-24T20:00', end: '2026-10-25T03:30' });
    expect(harvest.window.toUtc).toBe('2026-10-25T02:30:00.000Z');
    expect(postMatchesEvent(post('2026-10-25T02:30:00Z'), harvest)).toBe(true);
    expect(postMatchesEvent(post('2026-10-25T02:30:01Z'), harvest)).toBe(false);
  });

  it('counts both occurrences of the repeated hour inside an event spanning the fall-back', () => {
    const harvest = event('harvest-night', { start: '2026-10-24T20:00', end: '2026-10-25T03:30' });
    expect(postMatchesEvent(post('2026-10-25T00:30:00Z'), harvest)).toBe(true); // 02:30 CEST
    expect(postMatchesEvent(post('2026-10-25T01:30:00Z'), harvest)).toBe(true); // 02:30 CET
  });
});

describe('window margins', () => {
  const defaults: WindowDefaults = { before: '1h', after: '12h' };

  it('uses the defaults when the event gives no window', () => {
    const gig = event('gig', { start: '2026-04-29T18:00', end: '2026-04-29T23:00' }, defaults);
    expect(postMatchesEvent(post('2026-04-29T15:00:00Z'), gig)).toBe(true); // 1 h before 18:00 CEST
    expect(postMatchesEvent(post('2026-04-30T09:00:00Z'), gig)).toBe(true); // 12 h after 23:00 CEST
    expect(postMatchesEvent(post('2026-04-30T09:00:01Z'), gig)).toBe(false);
  });

  it('lets an event window override the default margins', () => {
    const gig = event(
      'gig',
      { start: '2026-04-29T18:00', end: '2026-04-29T23:00', window: '{ before: 30m, after: 2h }' },
      defaults,
    );
    expect(postMatchesEvent(post('2026-04-29T15:29:59Z'), gig)).toBe(false);
    expect(postMatchesEvent(post('2026-04-29T15:30:00Z'), gig)).toBe(true);
    expect(postMatchesEvent(post('2026-04-29T23:00:00Z'), gig)).toBe(true);
    expect(postMatchesEvent(post('2026-04-29T23:00:01Z'), gig)).toBe(false);
  });

  it('lets an event override one margin and keep the default for the other', () => {
    const gig = event(
      'gig',
      { start: '2026-04-29T18:00', end: '2026-04-29T23:00', window: '{ before: 0 }' },
      defaults,
    );
    expect(postMatchesEvent(post('2026-04-29T15:59:59Z'), gig)).toBe(false);
    expect(postMatchesEvent(post('2026-04-30T09:00:00Z'), gig)).toBe(true);
  });
});

describe('account filter', () => {
  const fields = { start: '2026-04-29T18:00', end: '2026-04-29T23:00' };
  const at = '2026-04-29T17:00:00Z';

  it('matches the username case-insensitively', () => {
    const gig = event('gig', { ...fields, account: 'BrandBerlin' });
    expect(postMatchesEvent(post(at, { username: 'brandberlin' }), gig)).toBe(true);
    expect(postMatchesEvent(post(at, { username: 'otherbrand' }), gig)).toBe(false);
  });

  it('tolerates an "@" before the configured username', () => {
    const gig = event('gig', { ...fields, account: '"@brandberlin"' });
    expect(postMatchesEvent(post(at, { username: 'BrandBerlin' }), gig)).toBe(true);
  });

  it('matches the owner id', () => {
    const gig = event('gig', { ...fields, account: '"17841400000000001"' });
    expect(postMatchesEvent(post(at, { ownerId: '17841400000000001' }), gig)).toBe(true);
    expect(postMatchesEvent(post(at, { ownerId: '17841400000000002' }), gig)).toBe(false);
  });

  it('excludes a post that names neither a username nor an owner', () => {
    const gig = event('gig', { ...fields, account: 'brandberlin' });
    expect(postMatchesEvent(post(at), gig)).toBe(false);
  });

  it('still requires the post to be inside the window', () => {
    const gig = event('gig', { ...fields, account: 'brandberlin' });
    expect(postMatchesEvent(post('2026-04-30T17:00:00Z', { username: 'brandberlin' }), gig)).toBe(
      false,
    );
  });
});

describe('hashtag filter', () => {
  const fields = { start: '2026-04-29T18:00', end: '2026-04-29T23:00' };
  const at = '2026-04-29T17:00:00Z';
  const gig = event('gig', { ...fields, hashtags: '["#SummerFest", Berlin]' });

  it('matches a caption with any one of the hashtags, whatever their case', () => {
    expect(postMatchesEvent(post(at, { caption: 'What a night #SUMMERFEST' }), gig)).toBe(true);
    expect(postMatchesEvent(post(at, { caption: 'Hello #berlin' }), gig)).toBe(true);
  });

  it('excludes a caption without any of the hashtags', () => {
    expect(postMatchesEvent(post(at, { caption: 'What a night #summer #fest' }), gig)).toBe(false);
  });

  it('does not count a word without "#" as the hashtag', () => {
    expect(postMatchesEvent(post(at, { caption: 'SummerFest in Berlin' }), gig)).toBe(false);
  });

  it('excludes a post without a caption', () => {
    expect(postMatchesEvent(post(at), gig)).toBe(false);
  });

  it('accepts any caption when the event lists no hashtags', () => {
    const open = event('open', fields);
    expect(postMatchesEvent(post(at), open)).toBe(true);
    expect(postMatchesEvent(post(at, { caption: 'no tags' }), open)).toBe(true);
  });

  it('requires both the account and a hashtag when both are set', () => {
    const both = event('both', { ...fields, account: 'brandberlin', hashtags: 'summerfest' });
    expect(
      postMatchesEvent(post(at, { username: 'brandberlin', caption: '#SummerFest' }), both),
    ).toBe(true);
    expect(postMatchesEvent(post(at, { username: 'brandberlin', caption: 'no tag' }), both)).toBe(
      false,
    );
    expect(postMatchesEvent(post(at, { username: 'someone', caption: '#SummerFest' }), both)).toBe(
      false,
    );
  });
});

describe('matchPostsToEvents', () => {
  const festival = event('summer-festival', { start: '2026-06-20T14:00', end: '2026-06-20T23:00' });
  const afterparty = event('afterparty', { start: '2026-06-20T22:00', end: '2026-06-21T03:00' });

  it('gives a post made while two events overlap to both of them, in event order', () => {
    const shared = post('2026-06-20T20:30:00Z'); // 22:30 CEST
    expect(matchPostsToEvents([shared], [festival, afterparty])).toEqual(
      new Map([[shared.id, ['summer-festival', 'afterparty']]]),
    );
  });

  it('gives each post only the events whose windows contain it and leaves unmatched posts out', () => {
    const early = post('2026-06-20T13:00:00Z'); // 15:00 CEST: festival only
    const late = post('2026-06-21T00:30:00Z'); // 02:30 CEST: afterparty only
    const nextWeek = post('2026-06-27T13:00:00Z');
    const matches = matchPostsToEvents([early, late, nextWeek], [festival, afterparty]);
    expect([...matches]).toEqual([
      [early.id, ['summer-festival']],
      [late.id, ['afterparty']],
    ]);
  });

  it('returns an empty map when there are no events', () => {
    expect(matchPostsToEvents([post('2026-06-20T20:30:00Z')], []).size).toBe(0);
  });
});

describe('earliestWindowStart', () => {
  it('is undefined without events', () => {
    expect(earliestWindowStart([])).toBeUndefined();
  });

  it('is the earliest window start, margins included, whatever the event order', () => {
    const june = event('june', { start: '2026-06-20T14:00', end: '2026-06-20T23:00' });
    const march = event(
      'march',
      { start: '2026-03-28T21:00', end: '2026-03-29T04:00' },
      { before: '2h', after: 0 },
    );
    const april = event('april', { start: '2026-04-29T18:00', end: '2026-04-29T23:00' });
    expect(earliestWindowStart([june, march, april])).toBe(Date.parse('2026-03-28T18:00:00Z'));
  });
});
