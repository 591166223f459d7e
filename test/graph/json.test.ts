import { afterEach, describe, expect, it } from 'vitest';
import { listMedia, parseJson } from '../../integration/graph/index.ts';
import { mockGraph } from './mock-graph.ts';

describe('parseJson', () => {
  it('keeps integers beyond 2^53 as their exact digits', () => {
    expect(parseJson('{"user_id":27640875392278831,"n":-9007199254740993}')).toEqual({
      user_id: '27640875392278831',
      n: '-9007199254740993',
    });
  });

  it('leaves safe integers, decimals, exponents and strings as they are', () => {
    expect(parseJson('[9007199254740991,1.5,1e300,"17841405822304914",-3,0]')).toEqual([
      9007199254740991,
      1.5,
      1e300,
      '17841405822304914',
      -3,
      0,
    ]);
  });

  it('works at any depth', () => {
    expect(parseJson('{"a":[{"b":{"id":123456789012345678901}}]}')).toEqual({
      a: [{ b: { id: '123456789012345678901' } }],
    });
  });

  it('throws on malformed JSON', () => {
    expect(() => parseJson('{"data":')).toThrow(SyntaxError);
  });
});

describe('big integer ids in responses', () => {
  let graph: ReturnType<typeof mockGraph>;
  afterEach(() => graph.close());

  it('come back as strings, other numbers as numbers', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me/media', {
      body: '{"data":[{"id":17918920912340654321,"media_type":"IMAGE","timestamp":"2026-04-29T18:22:41+0000","like_count":301}]}',
    });
    const [page] = await Array.fromAsync(listMedia(graph.client));
    expect(page).toEqual([
      {
        id: '17918920912340654321',
        media_type: 'IMAGE',
        timestamp: '2026-04-29T18:22:41+0000',
        like_count: 301,
      },
    ]);
  });
});
