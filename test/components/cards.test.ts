import { describe, expect, it } from 'vitest';
import EventGallery from '../../integration/components/EventGallery.astro';
import { render, tags, textOf } from './render.ts';

const launch = () => render(EventGallery, { event: '2026-05-01-launch' });
/** The HTML of one gallery item, by its data-id. */
const item = (html: string, id: string) =>
  html.match(new RegExp(`<li[^>]*data-id="${id}"[\\s\\S]*?</li>`))?.[0] ?? '';

describe('a carousel card', () => {
  it('gives every slide the first item’s shape, the pictures filling it', async () => {
    // ev-2: a landscape picture, then a portrait one, then one Instagram gave no media for.
    const card = item(await launch(), 'ev-2');
    const carousel = tags(card, 'div').find((div) => div.role === 'group')!;
    expect(carousel.style).toBe('--_slide-ratio: 160 / 90');
    const frames = tags(card, 'a').filter((a) => 'data-pswp-width' in a);
    expect(frames).toHaveLength(2);
    for (const frame of frames) expect(frame.class!.split(' ')).toContain('ais-fill');
    // The lightbox still opens each picture whole.
    expect(frames.map((a) => `${a['data-pswp-width']}x${a['data-pswp-height']}`)).toEqual([
      '160x90',
      '90x160',
    ]);
    expect(textOf(card)).toContain('This post can’t be shown here. View it on Instagram');
  });

  it('leaves a single picture its own shape', async () => {
    const card = item(await launch(), 'ev-1');
    expect(card).not.toContain('--_slide-ratio');
    expect(tags(card, 'a').find((a) => 'data-pswp-width' in a)?.class).not.toContain('ais-fill');
  });
});

describe('the line under a card', () => {
  it('keeps each "·" with the detail after it, hidden from screen readers', async () => {
    const card = item(await launch(), 'ev-2');
    const details = [
      ...card.matchAll(
        /<span class="ais-part ais-detail[^"]*"[^>]*>([\s\S]*?)<\/span>\s*(?=<span class="ais-part|<\/p>)/g,
      ),
    ];
    expect(details.map((match) => textOf(match[1]!))).toEqual([
      '· @northlight.events',
      expect.stringMatching(/^· 3 items View on Instagram$/),
    ]);
    expect(tags(card, 'span').filter((span) => span.class === 'ais-sep')).toEqual(
      Array(2)
        .fill({ class: 'ais-sep', 'aria-hidden': 'true' })
        .map((sep) => expect.objectContaining(sep)),
    );
  });

  it('puts the action in one piece with the part before it', async () => {
    const html = await launch();
    // A guest photo without an uploader: the download link goes with the time.
    const cake = item(html, '2026-05-01-launch/cake.jpg');
    expect(cake).toMatch(
      /<span class="ais-part ais-tail[^"]*"[^>]*>\s*<span class="ais-badge[\s\S]*?<time[\s\S]*?<a class="ais-action ais-download/,
    );
    // With an uploader: it goes with the uploader's name.
    const doors = item(html, '2026-05-01-launch/doors.jpg');
    expect(doors).toMatch(/ais-tail[^>]*>[\s\S]*?Ana<\/span>\s*<a class="ais-action ais-download/);
  });

  it('names the whole instant with its zone in the time’s tooltip', async () => {
    const time = tags(item(await launch(), 'ev-1'), 'time')[0]!;
    expect(time).toMatchObject({
      datetime: '2026-05-01T16:05:00Z',
      title: expect.stringMatching(/^Friday,? 1 May 2026, 18:05 CEST$/),
    });
  });
});

describe('a caption', () => {
  it('is marked for the lightbox', async () => {
    const card = item(await launch(), 'ev-2');
    expect(card).toMatch(
      /<p class="ais-caption"[^>]*data-lightbox-caption[^>]*>Two rooms, one night<\/p>/,
    );
  });
});
