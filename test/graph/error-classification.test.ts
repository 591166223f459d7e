import { describe, expect, it } from 'vitest';
import { classifyGraphError, type GraphErrorCategory } from '../../integration/graph/index.ts';

const envelope = (code: number, extra: Record<string, unknown> = {}) => ({
  error: { message: `(#${code}) test`, type: 'OAuthException', code, fbtrace_id: 'x', ...extra },
});

const table: Array<[string, number, unknown, GraphErrorCategory]> = [
  ['190 invalid or expired token', 400, envelope(190, { error_subcode: 463 }), 'auth'],
  ['190 even with HTTP 401 from graph.instagram.com', 401, envelope(190), 'auth'],
  ['102 session error', 400, envelope(102), 'auth'],
  ['10 permission not granted', 400, envelope(10), 'permission'],
  ['200 permission error with HTTP 403', 403, envelope(200), 'permission'],
  ['299, the last permission code', 403, envelope(299), 'permission'],
  ['4 app request limit', 400, envelope(4), 'rate_limit'],
  ['17 user request limit', 400, envelope(17), 'rate_limit'],
  ['32 page request limit', 400, envelope(32), 'rate_limit'],
  ['341 application limit', 400, envelope(341), 'rate_limit'],
  ['613 custom rate limit', 400, envelope(613, { error_subcode: 1996 }), 'rate_limit'],
  ['80000, the first BUC throttle', 400, envelope(80000), 'rate_limit'],
  ['80002 Instagram BUC throttle', 400, envelope(80002), 'rate_limit'],
  ['80014, the last BUC throttle', 400, envelope(80014), 'rate_limit'],
  ['1 unknown error', 500, envelope(1), 'transient'],
  ['2 service error', 500, envelope(2, { is_transient: true }), 'transient'],
  ['any code flagged is_transient', 400, envelope(100, { is_transient: true }), 'transient'],
  [
    'a publishing subcode flagged is_transient',
    400,
    envelope(-1, { error_subcode: 2207001, is_transient: true }),
    'transient',
  ],
  ['an unknown code with a 5xx status', 503, envelope(12345), 'transient'],
  ['9004 media fetch failed', 400, envelope(9004, { error_subcode: 2207052 }), 'media'],
  [
    '36000 image too large',
    400,
    envelope(36000, { error_subcode: 2207004, is_transient: false }),
    'media',
  ],
  ['36001 image format', 400, envelope(36001), 'media'],
  ['36003 aspect ratio', 400, envelope(36003, { error_subcode: 2207009 }), 'media'],
  ['36004 caption too long', 400, envelope(36004, { error_subcode: 2207010 }), 'media'],
  ['352 video format', 400, envelope(352, { error_subcode: 2207026 }), 'media'],
  ['100 with a 2207xxx subcode', 400, envelope(100, { error_subcode: 2207028 }), 'media'],
  ['9007 media not ready', 400, envelope(9007, { error_subcode: 2207027 }), 'media'],
  [
    '4 with the activity-restricted subcode 2207051',
    400,
    envelope(4, { error_subcode: 2207051 }),
    'media',
  ],
  ['100 invalid parameter', 400, envelope(100), 'bad_request'],
  [
    '100/33 unsupported get request',
    400,
    envelope(100, { error_subcode: 33, type: 'GraphMethodException' }),
    'bad_request',
  ],
  ['368 policy block', 400, envelope(368), 'bad_request'],
  ['506 duplicate post', 400, envelope(506), 'bad_request'],
  ['a numeric code given as a string', 400, envelope('190' as unknown as number), 'auth'],
  ['no envelope, HTTP 500', 500, undefined, 'transient'],
  ['no envelope, HTTP 502 HTML', 502, '<html>Bad gateway</html>', 'transient'],
  ['no envelope, HTTP 408', 408, undefined, 'transient'],
  ['no envelope, HTTP 200 (garbage body)', 200, undefined, 'transient'],
  ['no envelope, HTTP 401', 401, undefined, 'auth'],
  ['no envelope, HTTP 403', 403, undefined, 'permission'],
  ['no envelope, HTTP 429', 429, undefined, 'rate_limit'],
  ['no envelope, HTTP 404', 404, { something: 'else' }, 'bad_request'],
  [
    'the non-Graph OAuth error shape',
    400,
    { error_type: 'OAuthException', code: 400, error_message: 'x' },
    'bad_request',
  ],
];

describe('classifyGraphError', () => {
  it.each(table)('classifies %s', (_name, status, body, expected) => {
    expect(classifyGraphError({ status, body })).toBe(expected);
  });
});
