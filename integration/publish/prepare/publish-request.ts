import { z } from 'astro/zod';
import { assembleCaption, checkCaption, countCharacters } from './caption.ts';
import { PublishInputError } from './errors.ts';
import { ALT_TEXT_MAX_CHARACTERS, CAROUSEL_ITEMS } from './limits.ts';

// Field messages follow the field's path: "items[2].source.eventId must be …".
const digits = (what: string) =>
  z.string().regex(/^\d+$/, { error: `must be ${what} (digits only).` });

const sourceSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('guest'),
      eventId: z.string().regex(/^[a-z0-9-]+$/, {
        error: 'must be an event id: lower-case letters, digits and "-".',
      }),
      name: z.string().regex(/^(?!\.{1,2}$)[^/\\\0]+$/, {
        error: 'must be the file name of an approved guest photo, without "/" or "\\".',
      }),
    })
    .strict(),
  z.object({ type: z.literal('instagram'), mediaId: digits('an Instagram media id') }).strict(),
  z
    .object({
      type: z.literal('upload'),
      uploadId: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/, {
        error: 'must be the id the upload returned.',
      }),
    })
    .strict(),
]);

const itemSchema = z.object({ source: sourceSchema, altText: z.string().optional() }).strict();

/** What the publish API receives. Which items are photos or videos is known only once sources are resolved. */
export const publishRequestSchema = z
  .object({
    account: digits('the Instagram user id of a connected account'),
    kind: z.enum(['image', 'carousel', 'reel', 'story']),
    items: z.array(itemSchema).min(1, { error: 'must list at least one photo or video.' }),
    caption: z.string().optional(),
    hashtags: z.array(z.string()).optional(),
    fit: z.enum(['refuse', 'crop', 'pad']).default('refuse'),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, {
      error:
        'must be 8 to 128 letters, digits, "_" or "-" (a UUID will do), the same for every retry of one publish.',
    }),
    /** Publish even though the same post was published in the last 24 hours. */
    confirmRepeat: z.boolean().optional(),
  })
  .strict();

export type PublishRequest = z.output<typeof publishRequestSchema>;
export type PublishRequestInput = z.input<typeof publishRequestSchema>;
export type PublishKind = PublishRequest['kind'];
export type ItemMediaType = 'image' | 'video';

export interface CheckedPublishRequest {
  request: PublishRequest;
  /** The caption as it will be published: text and hashtags assembled; empty for stories. */
  caption: string;
  warnings: string[];
}

/**
 * Validates a publish request before anything is fetched or posted: its shape, the number of
 * items for its kind, alt text and caption rules. Throws a PublishInputError naming the field.
 */
export function checkPublishRequest(input: unknown): CheckedPublishRequest {
  const parsed = publishRequestSchema.safeParse(input);
  if (!parsed.success) throw requestError(parsed.error.issues, input);
  const request = parsed.data;
  checkItemCount(request.kind, request.items.length);
  for (const [index, item] of request.items.entries())
    checkAltText(request.kind, item.altText, index);
  if (request.kind === 'story') {
    if (request.caption || request.hashtags?.length) {
      const field = request.caption ? 'caption' : 'hashtags';
      throw new PublishInputError(
        'caption_not_allowed',
        `${field} is set on a story; Instagram stories take no caption. Remove caption and hashtags.`,
        { field },
      );
    }
    return { request, caption: '', warnings: [] };
  }
  const caption = assembleCaption(request.caption ?? '', request.hashtags ?? []);
  return { request, caption, warnings: checkCaption(caption) };
}

/**
 * Checks the resolved media types of a request's items against its kind: a single image post
 * needs a photo, a reel a video; alt text only on photos (Instagram's `alt_text` is accepted on
 * image containers only).
 */
export function checkItemKinds(
  kind: PublishKind,
  mediaTypes: ItemMediaType[],
  altTexts: (string | undefined)[] = [],
): void {
  checkItemCount(kind, mediaTypes.length);
  const wanted = kind === 'image' ? 'image' : kind === 'reel' ? 'video' : undefined;
  mediaTypes.forEach((type, index) => {
    if (wanted && type !== wanted) {
      const instead = type === 'video' ? 'reel' : 'image';
      throw new PublishInputError(
        'item_media_type',
        `items[${index}] is ${article(type)}; kind "${kind}" takes ${article(wanted)}. Publish it as kind "${instead}".`,
        { field: `items[${index}]` },
      );
    }
    if (type === 'video' && altTexts[index]) {
      throw new PublishInputError(
        'alt_text_not_allowed',
        `items[${index}].altText is set on a video; Instagram takes alt text on photos only. Remove it.`,
        { field: `items[${index}].altText` },
      );
    }
  });
}

function checkItemCount(kind: PublishKind, count: number): void {
  const entries = `items has ${count} ${count === 1 ? 'entry' : 'entries'}`;
  if (kind === 'carousel') {
    if (count > CAROUSEL_ITEMS.max) {
      throw new PublishInputError(
        'carousel_size',
        `${entries}; a carousel takes ${CAROUSEL_ITEMS.min} to ${CAROUSEL_ITEMS.max} photos or videos. Remove ${count - CAROUSEL_ITEMS.max}.`,
        { field: 'items' },
      );
    }
    if (count < CAROUSEL_ITEMS.min) {
      throw new PublishInputError(
        'carousel_size',
        `${entries}; a carousel takes ${CAROUSEL_ITEMS.min} to ${CAROUSEL_ITEMS.max} photos or videos. Add ${CAROUSEL_ITEMS.min - count} more, or publish a single photo as kind "image".`,
        { field: 'items' },
      );
    }
    return;
  }
  if (count !== 1) {
    const what = {
      image: 'photo',
      reel: 'video',
      story: 'photo or video (stories are published one at a time)',
    }[kind];
    throw new PublishInputError(
      'item_count',
      `${entries}; kind "${kind}" takes exactly 1 ${what}.${kind === 'image' ? ' Use kind "carousel" for 2 to 10.' : ''}`,
      { field: 'items' },
    );
  }
}

function checkAltText(kind: PublishKind, altText: string | undefined, index: number): void {
  if (altText === undefined) return;
  const field = `items[${index}].altText`;
  if (kind === 'reel' || kind === 'story') {
    throw new PublishInputError(
      'alt_text_not_allowed',
      `${field} is set on a ${kind}; Instagram takes alt text on image posts and carousel photos only. Remove it.`,
      { field },
    );
  }
  const length = countCharacters(altText);
  if (length > ALT_TEXT_MAX_CHARACTERS) {
    throw new PublishInputError(
      'alt_text_too_long',
      `${field} is ${length.toLocaleString('en-US')} characters; Instagram accepts at most ${ALT_TEXT_MAX_CHARACTERS.toLocaleString('en-US')}. Shorten it.`,
      { field },
    );
  }
}

type Issue = z.ZodError['issues'][number];

function requestError(issues: Issue[], input: unknown): PublishInputError {
  const [issue] = issues;
  if (!issue) return new PublishInputError('invalid_request', 'The publish request is invalid.');
  const field = fieldPath(issue.path);
  const more =
    issues.length > 1
      ? ` (${issues.length - 1} more ${issues.length === 2 ? 'problem' : 'problems'} after this one)`
      : '';
  return new PublishInputError('invalid_request', `${describeIssue(issue, field, input)}${more}`, {
    field:
      issue.code === 'unrecognized_keys'
        ? fieldPath([...issue.path, ...issue.keys.slice(0, 1)])
        : field || undefined,
  });
}

function describeIssue(issue: Issue, field: string, input: unknown): string {
  const subject = field || 'the request';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => fieldPath([...issue.path, key])).join(', ')}; remove or correct ${issue.keys.length > 1 ? 'them' : 'it'}.`;
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? `${subject} is missing.`
        : `${subject} must be ${typeName(issue.expected)}.`;
    case 'invalid_value':
      return `${subject} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}.`;
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options)
        ? `${subject} must be one of ${issue.options.map((value) => JSON.stringify(value)).join(', ')}.`
        : `${subject} is not valid.`;
    default:
      return `${subject} ${issue.message}`;
  }
}

/** ["items", 3, "altText"] → "items[3].altText". */
function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object'
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined,
    input,
  );
}

function typeName(expected: string): string {
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function article(type: ItemMediaType): string {
  return type === 'image' ? 'a photo' : 'a video';
}
