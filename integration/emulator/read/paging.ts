import { GraphError, invalidParameter } from '../core/errors.ts';

export const DEFAULT_LIMIT = 25;
// Graph does not document a maximum page size; 100 is what clients use in practice.
export const MAX_LIMIT = 100;

export interface PageRequest {
  limit: number;
  after?: string;
  before?: string;
}

export interface Page<T> {
  items: T[];
  cursors?: { before: string; after: string };
  hasNext: boolean;
  hasPrevious: boolean;
}

export function readPageRequest(query: URLSearchParams, limitOverride?: string): PageRequest {
  return {
    limit: clampLimit(limitOverride ?? query.get('limit')),
    after: query.get('after') ?? undefined,
    before: query.get('before') ?? undefined,
  };
}

export function clampLimit(raw: string | null | undefined): number {
  const limit = Number.parseInt(raw ?? '', 10);
  if (Number.isNaN(limit)) return DEFAULT_LIMIT;
  return Math.min(Math.max(limit, 1), MAX_LIMIT);
}

/** Cursors name an item id; they look like Graph's opaque `QVFI…` cursors, which clients must not decode. */
export function encodeCursor(id: string): string {
  return `QVFI${Buffer.from(id).toString('base64url')}`;
}

function decodeCursor(cursor: string, name: string): string {
  const id = cursor.startsWith('QVFI')
    ? Buffer.from(cursor.slice(4), 'base64url').toString('utf8')
    : '';
  if (!/^\d+$/.test(id)) throw new GraphError(invalidParameter(`The ${name} cursor is invalid`));
  return id;
}

/** Slices `limit` items after the `after` cursor, or the `limit` items right before the `before` cursor. */
export function takePage<T extends { id: string }>(items: T[], request: PageRequest): Page<T> {
  const [start, end] = pageBounds(items, request);
  const slice = items.slice(start, end);
  const first = slice[0];
  const last = slice[slice.length - 1];
  return {
    items: slice,
    cursors:
      first && last ? { before: encodeCursor(first.id), after: encodeCursor(last.id) } : undefined,
    hasNext: end < items.length,
    hasPrevious: start > 0,
  };
}

function pageBounds<T extends { id: string }>(items: T[], request: PageRequest): [number, number] {
  if (request.after) {
    const start = indexOfCursor(items, request.after, 'after') + 1;
    return [start, Math.min(start + request.limit, items.length)];
  }
  if (request.before) {
    const end = indexOfCursor(items, request.before, 'before');
    return [Math.max(end - request.limit, 0), end];
  }
  return [0, Math.min(request.limit, items.length)];
}

function indexOfCursor<T extends { id: string }>(items: T[], cursor: string, name: string): number {
  const id = decodeCursor(cursor, name);
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) throw new GraphError(invalidParameter(`The ${name} cursor is invalid`));
  return index;
}
