import { describe, expect, test } from 'vitest';
import { GraphError } from '../../../integration/emulator/core/errors.ts';
import { formatFields, parseFields } from '../../../integration/emulator/core/fields.ts';

describe('the fields parser', () => {
  test('reads a flat list, ignoring spaces and empty entries', () => {
    expect(parseFields('id, caption,,media_type,')?.map((f) => f.name)).toEqual([
      'id',
      'caption',
      'media_type',
    ]);
  });

  test('reads expansions and edge modifiers', () => {
    expect(
      parseFields('id,children.limit(5){id,media_type},media.limit(25).after(QVFI){id}'),
    ).toEqual([
      { name: 'id', modifiers: {} },
      {
        name: 'children',
        modifiers: { limit: '5' },
        fields: [
          { name: 'id', modifiers: {} },
          { name: 'media_type', modifiers: {} },
        ],
      },
      {
        name: 'media',
        modifiers: { limit: '25', after: 'QVFI' },
        fields: [{ name: 'id', modifiers: {} }],
      },
    ]);
  });

  test('treats an absent or empty list as no fields', () => {
    expect(parseFields(null)).toBeUndefined();
    expect(parseFields(' ')).toBeUndefined();
  });

  test('round-trips through formatFields', () => {
    const text = 'id,children.limit(5){id,media_url},caption';
    expect(formatFields(parseFields(text) ?? [])).toBe(text);
  });

  test.each(['id,children{id', 'id}', 'children.limit(5{id}', 'id,{x}'])(
    'rejects %s as a syntax error',
    (text) => {
      expect(() => parseFields(text)).toThrow(GraphError);
    },
  );
});
