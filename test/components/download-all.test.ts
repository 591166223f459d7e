import { describe, expect, it } from 'vitest';
import DownloadAll from '../../integration/components/DownloadAll.astro';
import { downloadLists } from '../../integration/download/download-list.ts';
import { render, tags } from './render.ts';

const LAUNCH = '2026-05-01-launch';
const VIDEO = `_instagram/${'a'.repeat(64)}.mp4`;

describe('the "Download all" lists', () => {
  it("hold the event's approved guest photos and re-hosted Instagram media, oldest first, and no pending photo", async () => {
    const lists = await downloadLists();
    const launch = lists.events[LAUNCH] ?? [];
    expect(launch.filter((entry) => entry.guestPhoto).map((entry) => entry.guestPhoto)).toEqual([
      'doors.jpg',
      'band.jpg',
      'cake.jpg',
    ]);
    expect(JSON.stringify(lists)).not.toContain('pending');
    // ev-1: one picture; ev-2: a carousel of two pictures and an item Instagram withheld; ev-3: a video.
    expect(launch.map((entry) => entry.name.replace(/^[\d_-]+/, ''))).toEqual([
      'instagram-northlight.events_ev-1.webp',
      'Ana_doors.webp',
      'Ben_band.webp',
      'instagram-northlight.events_ev-2-1.webp',
      'instagram-northlight.events_ev-2-2.webp',
      'guest_cake.webp',
      'instagram-northlight.events_ev-3.mp4',
    ]);
    expect(launch.at(-1)?.file).toBe(VIDEO);
    expect(launch[0]?.name.startsWith('2026-05-01_18-05-00_')).toBe(true); // Berlin time
    expect(launch.map((entry) => entry.name)).toEqual(launch.map((entry) => entry.name).sort());
    expect(lists.events['2026-06-01-quiet']).toEqual([]);
  });
});

describe('<DownloadAll>', () => {
  it("links to the event's ZIP, counting its files", async () => {
    const [link] = tags(await render(DownloadAll, { event: LAUNCH, class: 'button' }), 'a');
    expect(link).toMatchObject({
      href: `/g/${LAUNCH}/photos.zip`,
      download: `${LAUNCH}-photos.zip`,
      class: 'ais-download-all button',
    });
    expect(await render(DownloadAll, { event: LAUNCH })).toContain('Download all (7 files, ZIP)');
  });

  it("takes a private event's count from its page (it is in no collection)", async () => {
    const html = await render(DownloadAll, { event: 'board-dinner', count: 3 });
    expect(tags(html, 'a')[0]).toMatchObject({ href: '/g/board-dinner/photos.zip' });
    expect(html).toContain('Download all (3 files, ZIP)');
    expect((await render(DownloadAll, { event: 'board-dinner', count: 0 })).trim()).toBe('');
  });

  it('renders nothing for an event with no file to download', async () => {
    expect((await render(DownloadAll, { event: '2026-06-01-quiet' })).trim()).toBe('');
  });
});
