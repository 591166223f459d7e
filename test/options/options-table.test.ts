import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { END, optionsTable, PAGE, START, withTable } from '../../scripts/options-table.ts';

describe('the options table of docs/configuration.md', () => {
  it('is the table generated from integration/options.ts (run `npm run docs:options` after changing an option)', async () => {
    expect(PAGE).toBe('docs/configuration.md');
    const page = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    expect(page).toBe(withTable(page, optionsTable()));
  });

  it('has a row for every option, with its default and environment variable', () => {
    const table = optionsTable();
    expect(table).toContain(
      '| `instagram.strict` | `IG_SYNC_STRICT=1` | `false` | A failed sync fails the build instead of using the last good snapshot. |',
    );
    expect(table).toContain('| `window.before` |  | `"1h"` |');
    expect(table).toContain('| `guestPhotos.source: "s3"` |');
    expect(table).toContain(
      '| `embed.origins` | `EMBED_ALLOWED_ORIGINS (comma-separated)` | `["*"]` |',
    );
  });

  it('refuses a page without the markers', () => {
    expect(() => withTable('# no table', optionsTable())).toThrow(
      `docs/configuration.md: the markers ${START} and ${END} are missing.`,
    );
  });
});
