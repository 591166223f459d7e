import type { ISql } from 'postgres';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { positional } from './outgoing-rows.ts';
import type { TaggedCandidate, TaggedCandidateFilter, TaggedCandidateStatus } from './types.ts';

/**
 * Guests' tagged and mentioned posts (migration 9), for both backends: the statements read the
 * same in both dialects (`:name` parameters, see `positional`); media_urls is text in sqlite and
 * jsonb in PostgreSQL.
 */

const COLUMNS = [
  'media_id',
  'account_id',
  'event_id',
  'source',
  'author',
  'permalink',
  'caption',
  'media_type',
  'media_urls',
  'posted_at',
  'status',
  'received_at',
  'reviewed_at',
] as const;

function insertStatement(jsonCast: string): string {
  const values = COLUMNS.map((column) =>
    column === 'media_urls' ? `:${column}${jsonCast}` : `:${column}`,
  );
  return `INSERT INTO tagged_candidates (${COLUMNS.join(', ')}) VALUES (${values.join(', ')})
    ON CONFLICT (media_id) DO NOTHING`;
}

function insertValues(candidate: TaggedCandidate): Record<string, string | null> {
  return {
    media_id: candidate.mediaId,
    account_id: candidate.accountId,
    event_id: candidate.eventId,
    source: candidate.source,
    author: candidate.author,
    permalink: candidate.permalink ?? null,
    caption: candidate.caption ?? null,
    media_type: candidate.mediaType ?? null,
    media_urls: JSON.stringify(candidate.mediaUrls),
    posted_at: candidate.postedAt,
    status: candidate.status,
    received_at: candidate.receivedAt,
    reviewed_at: candidate.reviewedAt ?? null,
  };
}

function selectStatement(filter: TaggedCandidateFilter): {
  sql: string;
  values: Record<string, string>;
} {
  const where: string[] = [];
  const values: Record<string, string> = {};
  if (filter.eventId !== undefined) {
    where.push('event_id = :event');
    values.event = filter.eventId;
  }
  if (filter.status !== undefined) {
    // An empty list matches nothing, as a filter by no status should.
    const names = filter.status.map((status, index) => {
      values[`status${index}`] = status;
      return `:status${index}`;
    });
    where.push(names.length > 0 ? `status IN (${names.join(', ')})` : '1 = 0');
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    sql: `SELECT * FROM tagged_candidates ${clause} ORDER BY posted_at, media_id`,
    values,
  };
}

function statusStatement(from: readonly TaggedCandidateStatus[]): string {
  const names = from.map((_, index) => `:from${index}`);
  return `UPDATE tagged_candidates SET status = :status, reviewed_at = :at
    WHERE media_id = :media AND status IN (${names.length > 0 ? names.join(', ') : 'NULL'})`;
}

function statusValues(
  mediaId: string,
  status: TaggedCandidateStatus,
  from: readonly TaggedCandidateStatus[],
  at: string,
): Record<string, string> {
  return {
    media: mediaId,
    status,
    at,
    ...Object.fromEntries(from.map((each, index) => [`from${index}`, each])),
  };
}

function candidateFromRow(row: Record<string, unknown>): TaggedCandidate {
  const urls = typeof row.media_urls === 'string' ? JSON.parse(row.media_urls) : row.media_urls;
  const optional = (column: string) => (row[column] == null ? undefined : String(row[column]));
  const permalink = optional('permalink');
  const caption = optional('caption');
  const mediaType = optional('media_type');
  const reviewedAt = optional('reviewed_at');
  return {
    mediaId: String(row.media_id),
    accountId: String(row.account_id),
    eventId: String(row.event_id),
    source: String(row.source) as TaggedCandidate['source'],
    author: String(row.author),
    ...(permalink !== undefined && { permalink }),
    ...(caption !== undefined && { caption }),
    ...(mediaType !== undefined && { mediaType }),
    mediaUrls: (urls as unknown[]).map(String),
    postedAt: String(row.posted_at),
    status: String(row.status) as TaggedCandidateStatus,
    receivedAt: String(row.received_at),
    ...(reviewedAt !== undefined && { reviewedAt }),
  };
}

/** The sqlite side. */
export const sqliteTagged = {
  insert(db: DatabaseSync, candidate: TaggedCandidate): boolean {
    return run(db, insertStatement(''), insertValues(candidate)).changes > 0;
  },
  select(db: DatabaseSync, filter: TaggedCandidateFilter): TaggedCandidate[] {
    const { sql, values } = selectStatement(filter);
    return all(db, sql, values).map(candidateFromRow);
  },
  get(db: DatabaseSync, mediaId: string): TaggedCandidate | undefined {
    const row = db.prepare('SELECT * FROM tagged_candidates WHERE media_id = ?').get(mediaId);
    return row === undefined ? undefined : candidateFromRow(row);
  },
  setStatus(
    db: DatabaseSync,
    mediaId: string,
    status: TaggedCandidateStatus,
    from: readonly TaggedCandidateStatus[],
    at: string,
  ): boolean {
    return run(db, statusStatement(from), statusValues(mediaId, status, from, at)).changes > 0;
  },
};

/** The PostgreSQL side. */
export const postgresTagged = {
  async insert(sql: ISql, candidate: TaggedCandidate): Promise<boolean> {
    const result = await query(sql, insertStatement('::text::jsonb'), insertValues(candidate));
    return result.count > 0;
  },
  async select(sql: ISql, filter: TaggedCandidateFilter): Promise<TaggedCandidate[]> {
    const { sql: text, values } = selectStatement(filter);
    return (await query(sql, text, values)).map(candidateFromRow);
  },
  async get(sql: ISql, mediaId: string): Promise<TaggedCandidate | undefined> {
    const [row] = await query(sql, 'SELECT * FROM tagged_candidates WHERE media_id = :media', {
      media: mediaId,
    });
    return row === undefined ? undefined : candidateFromRow(row);
  },
  async setStatus(
    sql: ISql,
    mediaId: string,
    status: TaggedCandidateStatus,
    from: readonly TaggedCandidateStatus[],
    at: string,
  ): Promise<boolean> {
    const result = await query(sql, statusStatement(from), statusValues(mediaId, status, from, at));
    return result.count > 0;
  },
};

function run(db: DatabaseSync, sql: string, values: Record<string, unknown>) {
  const { text, parameters } = positional(sql, values, 'sqlite');
  return db.prepare(text).run(...(parameters as SQLInputValue[]));
}

function all(db: DatabaseSync, sql: string, values: Record<string, unknown>) {
  const { text, parameters } = positional(sql, values, 'sqlite');
  return db.prepare(text).all(...(parameters as SQLInputValue[]));
}

function query(sql: ISql, text: string, values: Record<string, unknown>) {
  const { text: statement, parameters } = positional(text, values, 'postgres');
  return sql.unsafe(statement, parameters as (string | null)[], { prepare: true });
}
