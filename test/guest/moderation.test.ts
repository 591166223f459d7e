import { describe, expect, it } from 'vitest';
import { parseModeration } from '../../integration/guest/moderation.ts';

const WHERE = 'content/guest-photos/2026-04-29/moderation.yaml';

function messageOf(text: string): string {
  try {
    parseModeration(text, WHERE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected parseModeration to throw');
}

describe('parseModeration', () => {
  it('returns no records when there is no moderation file', () => {
    expect(parseModeration(undefined, WHERE).size).toBe(0);
  });

  it('returns no records for an empty file', () => {
    expect(parseModeration('', WHERE).size).toBe(0);
    expect(parseModeration('# nothing reviewed yet\n', WHERE).size).toBe(0);
  });

  it('returns a record for every listed photo with its status and details', () => {
    const records = parseModeration(
      [
        'photos:',
        '  ana-01.jpg: { status: approved, uploader: Ana, caption: First dance, alt: Two people dancing }',
        '  ben-02.jpg: { status: rejected }',
        '  cem-03.jpg: { status: pending }',
      ].join('\n'),
      WHERE,
    );
    expect([...records]).toEqual([
      [
        'ana-01.jpg',
        { status: 'approved', uploader: 'Ana', caption: 'First dance', alt: 'Two people dancing' },
      ],
      ['ben-02.jpg', { status: 'rejected' }],
      ['cem-03.jpg', { status: 'pending' }],
    ]);
  });

  it('returns only the listed photos: an unlisted one has no record and so stays pending', () => {
    const records = parseModeration('photos:\n  ana-01.jpg: { status: approved }\n', WHERE);
    expect(records.has('ana-01.jpg')).toBe(true);
    expect(records.has('unlisted.jpg')).toBe(false);
    expect(records.size).toBe(1);
  });

  it('renames uploaded_at to uploadedAt', () => {
    const records = parseModeration(
      'photos:\n  ana-01.jpg: { status: approved, uploaded_at: 2026-04-29T19:40:00+02:00 }\n',
      WHERE,
    );
    expect(records.get('ana-01.jpg')).toEqual({
      status: 'approved',
      uploadedAt: '2026-04-29T19:40:00+02:00',
    });
  });

  it('names the file and the field for an unknown status', () => {
    expect(messageOf('photos:\n  ana-01.jpg: { status: ok }\n')).toBe(
      `${WHERE}: field \`photos.ana-01.jpg.status\` must be pending, approved or rejected. (format: photos: { file.jpg: { status: approved } })`,
    );
  });

  it('names the field for a missing status', () => {
    expect(messageOf('photos:\n  ana-01.jpg: { uploader: Ana }\n')).toContain(
      'field `photos.ana-01.jpg.status`',
    );
  });

  it('names the field for an upload time without an offset', () => {
    const message = messageOf(
      'photos:\n  ana-01.jpg: { status: approved, uploaded_at: 2026-04-29T19:40:00 }\n',
    );
    expect(message).toContain('field `photos.ana-01.jpg.uploaded_at`');
    expect(message).toContain('must be an ISO date-time with an offset');
  });

  it('names the photo for an unknown key', () => {
    const message = messageOf('photos:\n  ana-01.jpg: { status: approved, note: nice }\n');
    expect(message).toContain('field `photos.ana-01.jpg`');
    expect(message).toContain('"note"');
  });

  it('rejects an unknown top-level key', () => {
    expect(messageOf('photo:\n  ana-01.jpg: { status: approved }\n')).toContain('"photo"');
  });

  it('names the file for invalid YAML', () => {
    expect(messageOf('photos: [\n')).toMatch(
      /^content\/guest-photos\/2026-04-29\/moderation\.yaml: not valid YAML: /,
    );
  });

  it('names the file when the YAML is a list instead of a mapping', () => {
    expect(messageOf('- ana-01.jpg\n')).toMatch(
      /^content\/guest-photos\/2026-04-29\/moderation\.yaml: /,
    );
  });
});
