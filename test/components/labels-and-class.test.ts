import { describe, expect, it } from 'vitest';
import EventGallery from '../../integration/components/EventGallery.astro';
import InstagramFeed from '../../integration/components/InstagramFeed.astro';
import { defaultLabels, type GalleryLabels } from '../../integration/components/labels.ts';
import HostPage from '../fixtures/components-site/src/components/HostPage.astro';
import { render, tags, textOf } from './render.ts';

/** Every label in German, none using a word of the English ones. */
const german: GalleryLabels = {
  galleryName: (title) => `Fotos von ${title}`,
  feedName: (account) => (account ? `Beiträge von ${account}` : 'Neueste Beiträge'),
  filterLegend: 'Zeigen',
  filterAll: 'Alles',
  filterGuests: 'Gäste',
  filterInstagram: 'Beiträge',
  count: (count) => `[${count}]`,
  emptyGallery: 'Noch keine Fotos.',
  emptyGalleryUploadsOpen: 'Noch keine Fotos – teilt eure!',
  emptyGuestPhotos: 'Noch keine Gästefotos.',
  emptyInstagramPosts: 'Noch keine Beiträge vom Abend.',
  emptyFeed: 'Keine Beiträge.',
  guestBadge: 'Gast',
  instagramBadge: 'IG',
  taggedBy: (author) => `Markiert von @${author}`,
  download: 'Herunterladen',
  downloadAll: (files) => `Alle ${files} Dateien herunterladen`,
  viewOnInstagram: 'Ansehen',
  unavailable: 'Hier nicht verfügbar.',
  unavailableLink: 'Öffnen',
  videoUnavailable: 'Video nur dort abspielbar.',
  videoUnavailableLink: 'Dort abspielen',
  carouselName: (items) => `Karussell mit ${items}`,
  carouselItems: (items) => `${items} Bilder`,
  guestPhotoAlt: ({ time }) => `Gästefoto um ${time}`,
  instagramAlt: ({ time, position }) =>
    `Beitrag um ${time}${position ? ` (${position.index}/${position.of})` : ''}`,
  time: (iso, timeZone) =>
    `${new Intl.DateTimeFormat('de-DE', { timeZone, timeStyle: 'short' }).format(new Date(iso))} Uhr`,
  dayTime: (iso, timeZone) =>
    new Intl.DateTimeFormat('de-DE', { timeZone, weekday: 'short', timeStyle: 'short' }).format(
      new Date(iso),
    ),
  fullTime: (iso, timeZone) =>
    new Intl.DateTimeFormat('de-DE', { timeZone, dateStyle: 'full', timeStyle: 'long' }).format(
      new Date(iso),
    ),
  dateTime: (iso, timeZone) =>
    new Intl.DateTimeFormat('de-DE', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    ),
};

/** Visible text plus the texts in attributes people hear or see (alt, aria-label). */
const allTexts = (html: string) =>
  [
    textOf(html),
    ...[...html.matchAll(/(?:alt|aria-label)="([^"]*)"/g)].map((match) => match[1]),
  ].join('\n');
const englishLeft = (text: string) =>
  Object.values(defaultLabels)
    .filter((label): label is string => typeof label === 'string')
    .concat([
      'Photos of',
      'Instagram posts',
      'Carousel of',
      'items',
      'Guest photo',
      'Instagram post at',
      '(1)',
    ])
    .filter((english) =>
      new RegExp(`(^|\\W)${english.replace(/[()]/g, '\\$&')}($|\\W)`).test(text),
    );

describe('labels', () => {
  it('replace every text of an event gallery, its cards and its empty state', async () => {
    const launch = allTexts(
      await render(EventGallery, { event: '2026-05-01-launch', labels: german }),
    );
    const quiet = allTexts(
      await render(EventGallery, { event: '2026-06-01-quiet', labels: german }),
    );
    const onlyPosts = allTexts(
      await render(EventGallery, {
        event: '2026-06-01-quiet',
        sources: 'instagram',
        labels: german,
      }),
    );
    for (const text of [launch, quiet, onlyPosts]) expect(englishLeft(text)).toEqual([]);
    expect(launch).toContain('Zeigen Alles [6] Gäste [3] Beiträge [3]');
    expect(launch).toContain('Gast 18:30 Uhr · Ana Herunterladen');
    expect(launch).toContain('IG 18:05 Uhr · @northlight.events Ansehen');
    expect(launch).toContain('Fotos von Launch Night');
    expect(launch).toContain('Karussell mit 3');
    expect(launch).toContain('Beitrag um 20:40 Uhr (1/3)');
    expect(launch).toContain('Gästefoto um 21:45 Uhr');
    expect(launch).toContain('Hier nicht verfügbar. Öffnen');
    expect(quiet).toBe('Noch keine Fotos.\nFotos von Quiet Evening');
    expect(onlyPosts).toContain('Noch keine Beiträge vom Abend.');
  });

  it('replace every text of a feed, its cards and its empty state', async () => {
    const posts = allTexts(await render(InstagramFeed, { labels: german }));
    const none = allTexts(await render(InstagramFeed, { account: 'nobody', labels: german }));
    for (const text of [posts, none]) expect(englishLeft(text)).toEqual([]);
    expect(posts).toContain('IG 01.12.2026, 10:00 · @northlight.events Ansehen');
    expect(posts).toContain('Video nur dort abspielbar. Dort abspielen');
    expect(posts).toContain('2 Bilder');
    expect(posts).toContain('Neueste Beiträge');
    expect(none).toBe('Keine Beiträge.\nBeiträge von nobody');
  });

  it('keep the English default of every label not given', async () => {
    const text = textOf(
      await render(EventGallery, {
        event: '2026-05-01-launch',
        labels: { filterAll: 'Everything' },
      }),
    );
    expect(text).toContain('Show Everything (6) Guests (3) Instagram (3)');
    expect(text).toContain('Download');
  });
});

describe('the class prop', () => {
  it('is added to the root element of EventGallery and of InstagramFeed, next to their own', async () => {
    const gallery = tags(
      await render(EventGallery, { event: '2026-05-01-launch', class: 'my-gallery wide' }),
      'section',
    )[0]!;
    expect(gallery.class!.split(' ')).toEqual(['ais-root', 'ais-gallery', 'my-gallery', 'wide']);
    expect(gallery).toHaveProperty('data-gallery');
    const feed = tags(await render(InstagramFeed, { class: 'my-feed' }), 'section')[0]!;
    expect(feed.class!.split(' ')).toEqual(['ais-root', 'ais-feed', 'my-feed']);
  });

  it('reaches the root with the host page’s style scope, so the page’s scoped CSS applies to it', async () => {
    const html = await render(HostPage);
    const host = Object.keys(tags(html, 'div').find((div) => div.class === 'host')!).find((name) =>
      name.startsWith('data-astro-cid-'),
    );
    expect(host).toBeDefined();
    const [gallery, feed] = tags(html, 'section');
    expect(gallery!.class).toContain('host-gallery wide');
    expect(gallery).toHaveProperty(host!);
    expect(feed!.class).toContain('host-feed');
    expect(feed).toHaveProperty(host!);
  });
});
