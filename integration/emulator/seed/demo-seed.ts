// The demo seed, built deterministically (fixed PRNG seed): make-demo-seed.ts writes it to demo.json.
import {
  validateSeed,
  type Seed,
  type SeedAccount,
  type SeedApp,
  type SeedChild,
  type SeedMedia,
} from './seed.ts';

/** mulberry32: tiny seeded PRNG, enough for stable demo data. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHORTCODE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Every random choice of one build, from one PRNG: the same calls give the same seed. */
interface Draw {
  between(min: number, max: number): number;
  graphId(prefix: '179' | '180'): string;
  shortcode(): string;
}

function createDraw(seed: number): Draw {
  const random = createRandom(seed);
  const used = new Set<string>();
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    between,
    graphId(prefix) {
      let id: string;
      do id = prefix + Array.from({ length: 14 }, () => between(0, 9)).join('');
      while (used.has(id));
      used.add(id);
      return id;
    },
    shortcode: () =>
      `D${Array.from({ length: 10 }, () => SHORTCODE_CHARS[between(0, SHORTCODE_CHARS.length - 1)]).join('')}`,
  };
}

type Size = [number, number];
const PORTRAIT: Size = [1080, 1350];
const SQUARE: Size = [1080, 1080];
const LANDSCAPE: Size = [1080, 566];
const REEL: Size = [1080, 1920];

interface PostSpec {
  at: string;
  kind: 'image' | 'reel' | 'carousel';
  caption?: string;
  altText?: string;
  size?: Size;
  /** Carousel children, in order. */
  items?: ('image' | 'video')[];
  /** Carousel children's sizes, when not all the post's size (Instagram allows mixed shapes). */
  itemSizes?: Size[];
  copyrightBlocked?: boolean;
  /** Reels: the 4 s sample clip instead of the 2 s one, so that it can be published again. */
  clip?: '4s';
}

function makePost(draw: Draw, spec: PostSpec): SeedMedia {
  const [width, height] = spec.kind === 'reel' ? REEL : (spec.size ?? PORTRAIT);
  const media: SeedMedia = {
    id: draw.graphId('179'),
    mediaType: spec.kind === 'image' ? 'IMAGE' : spec.kind === 'reel' ? 'VIDEO' : 'CAROUSEL_ALBUM',
    productType: spec.kind === 'reel' ? 'REELS' : 'FEED',
    ...(spec.caption === undefined ? {} : { caption: spec.caption }),
    timestamp: new Date(Math.floor(Date.parse(spec.at) / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z'),
    ...(spec.altText === undefined ? {} : { altText: spec.altText }),
    width,
    height,
    likeCount: draw.between(40, 2400),
    commentsCount: draw.between(0, 120),
    shortcode: draw.shortcode(),
  };
  if (spec.copyrightBlocked) media.copyrightBlocked = true;
  if (spec.clip) media.clip = spec.clip;
  if (spec.kind === 'carousel')
    media.children = (spec.items ?? ['image', 'image']).map((item, index) => {
      const [childWidth, childHeight] = spec.itemSizes?.[index] ?? [width, height];
      return makeChild(draw, item, childWidth, childHeight);
    });
  return media;
}

function makeChild(draw: Draw, item: 'image' | 'video', width: number, height: number): SeedChild {
  return {
    id: draw.graphId('180'),
    mediaType: item === 'image' ? 'IMAGE' : 'VIDEO',
    width,
    height,
  };
}

// The project's demo events (content/events) are fixed; these posts fall in their windows.
const EVENT_POSTS: PostSpec[] = [
  // Night Run Berlin, 2026-03-28 21:00 → 03-29 04:00 Europe/Berlin (DST starts in between).
  {
    at: '2026-03-28T21:10:00Z',
    kind: 'image',
    caption: 'Lights on, shoes laced 🏃‍♀️🌙\nNight Run Berlin starts now!\n\n#nightrun #berlin',
  },
  {
    at: '2026-03-29T01:20:00Z',
    kind: 'carousel',
    items: ['image', 'image', 'video'],
    caption: '3 a.m. and still running ✨ The clocks jumped forward and nobody noticed.\n#nightrun',
  },
  {
    at: '2026-03-29T08:00:00Z',
    kind: 'reel',
    caption: 'Night Run Berlin in 30 seconds 🎬 #nightrun #recap',
  },
  // Spring Launch, 2026-04-29 18:00 → 23:30 Europe/Berlin.
  {
    at: '2026-04-29T15:30:00Z',
    kind: 'image',
    size: SQUARE,
    caption: 'Almost there: doors open soon! 🌷 #springlaunch',
  },
  {
    at: '2026-04-29T17:05:00Z',
    kind: 'carousel',
    items: ['image', 'image', 'image', 'image'],
    itemSizes: [PORTRAIT, LANDSCAPE, SQUARE, PORTRAIT],
    caption: 'First look at the spring collection 💐\nSwipe →\n#springlaunch',
  },
  // Its file is the 4 s clip: the demo's one video that can be published as a reel again.
  {
    at: '2026-04-29T19:40:00Z',
    kind: 'reel',
    caption: 'The launch moment 🎉🎉 #springlaunch',
    clip: '4s',
  },
  {
    at: '2026-04-30T09:00:00Z',
    kind: 'image',
    caption: 'Morning after. Thank you all 💛 #springlaunch',
    altText: 'Confetti scattered across an empty dance floor in morning light',
  },
  // Summer Festival, 2026-06-20 12:00 → 06-21 01:00 America/New_York, filtered on #summerfest.
  {
    at: '2026-06-20T16:30:00Z',
    kind: 'carousel',
    items: ['image', 'video', 'image'],
    caption: 'Summer Festival, day one ☀️🎶\n\n#summerfest',
  },
  {
    at: '2026-06-20T20:00:00Z',
    kind: 'image',
    size: LANDSCAPE,
    caption: 'Main stage at sunset 🌅 #summerfest',
  },
  {
    at: '2026-06-20T21:00:00Z',
    kind: 'reel',
    caption: 'Headliner singalong 🎤 #summerfest',
    copyrightBlocked: true,
  },
  {
    at: '2026-06-20T22:15:00Z',
    kind: 'image',
    caption: 'Food trucks all the way down the block 🌮🍦 Who else is here tonight?',
  },
  {
    at: '2026-06-21T03:30:00Z',
    kind: 'image',
    size: SQUARE,
    caption: 'Last song, then the party moves on 🪩 #summerfest #afterparty',
  },
  // Festival Afterparty, 2026-06-20 23:00 → 06-21 04:00 America/New_York.
  { at: '2026-06-21T06:10:00Z', kind: 'reel', caption: 'Sunrise at the afterparty 🌄 #afterparty' },
  // Team Offsite (unlisted), 2026-09-12 10:00 → 18:00 Europe/Lisbon.
  {
    at: '2026-09-12T11:00:00Z',
    kind: 'image',
    caption: 'Team offsite in Lisbon: planning the autumn season 📋☀️ #teamnorthlight',
    altText: 'Six people around a table covered in sticky notes on a sunny terrace',
  },
  {
    at: '2026-09-12T15:45:00Z',
    kind: 'image',
    size: LANDSCAPE,
    caption: 'Tram 28 field trip 🚋 #teamnorthlight',
  },
  // Harvest Night, 2026-10-24 20:00 → 10-25 03:30 Europe/Berlin (DST ends in between: 02:00–03:00 happens twice).
  {
    at: '2026-10-24T19:30:00Z',
    kind: 'carousel',
    items: ['image', 'image', 'video', 'image', 'image'],
    caption: 'Harvest Night is set 🍂🕯️ Long tables, warm light.\n#harvestnight',
  },
  {
    at: '2026-10-25T00:30:00Z',
    kind: 'image',
    caption: '02:30, the first time tonight 🕑 #harvestnight',
  },
  {
    at: '2026-10-25T01:30:00Z',
    kind: 'image',
    caption: '02:30 again! The clocks went back, the party did not 🕑🔁 #harvestnight',
  },
  { at: '2026-10-25T09:00:00Z', kind: 'reel', caption: 'Harvest Night recap 🍁 #harvestnight' },
];

// Filler posts stay at least two days clear of every event window above.
const EVENT_ZONES: [string, string][] = [
  ['2026-03-26', '2026-04-01'],
  ['2026-04-27', '2026-05-03'],
  ['2026-06-18', '2026-06-24'],
  ['2026-09-10', '2026-09-15'],
  ['2026-10-22', '2026-10-28'],
];

const FILLER_CAPTIONS = [
  'Behind the scenes at the studio today 🎨\n\n#northlight #behindthescenes',
  'New venue scouting 📍 What do you think?',
  'Coffee first ☕️ then emails.',
  'Throwback to last winter ❄️✨ #tbt',
  'Packing the van for the weekend 🚐💨\n#onthemove #northlight',
  'Thank you for 12k followers 🙏💜',
  'Lighting test for the next show 💡🔴🟢🔵',
  'Mood board for the autumn season 🍂\n1. warm\n2. candlelit\n3. loud\n#moodboard',
  'Sneak peek 👀 #comingsoon',
  'Rain check ☔️ The rooftop session moves inside.',
];

const FILLER_KINDS: PostSpec['kind'][] = [
  'image',
  'image',
  'carousel',
  'reel',
  'image',
  'carousel',
  'image',
  'reel',
];
const IMAGE_SIZES = [PORTRAIT, SQUARE, LANDSCAPE];
const FILLER_COUNT = 48;
const LONG_CAPTION_AT = 17;

function fillerPosts(draw: Draw): PostSpec[] {
  const start = Date.parse('2026-02-01T00:00:00Z');
  const end = Date.parse('2026-11-20T00:00:00Z');
  const step = (end - start) / FILLER_COUNT;
  return Array.from({ length: FILLER_COUNT }, (_, i) =>
    fillerPost(
      i,
      outsideEventZones(
        start + i * step + draw.between(9, 20) * 3600_000 + draw.between(0, 3599) * 1000,
      ),
    ),
  );
}

function outsideEventZones(ms: number): number {
  for (const [from, to] of EVENT_ZONES) {
    if (ms >= Date.parse(`${from}T00:00:00Z`) && ms < Date.parse(`${to}T00:00:00Z`))
      return ms + (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`));
  }
  return ms;
}

function fillerPost(i: number, ms: number): PostSpec {
  const kind = FILLER_KINDS[i % FILLER_KINDS.length] ?? 'image';
  const caption =
    i === LONG_CAPTION_AT
      ? longCaption()
      : i % 7 === 3
        ? undefined
        : FILLER_CAPTIONS[i % FILLER_CAPTIONS.length];
  const spec: PostSpec = {
    at: new Date(ms).toISOString(),
    kind,
    caption,
    size: IMAGE_SIZES[i % IMAGE_SIZES.length],
  };
  if (kind === 'image' && i % 3 === 0)
    spec.altText = `Filler photo ${i + 1}: a warmly lit room, people talking in small groups`;
  if (kind === 'carousel')
    spec.items = Array.from({ length: 2 + (i % 5) }, (_, n) => (n % 3 === 1 ? 'video' : 'image'));
  return spec;
}

/** Exactly 2,000 characters, all ASCII: long captions must survive intact (Graph allows 2,200). */
function longCaption(): string {
  const paragraph =
    'A long note about why we do this. Every event starts as a list on a napkin and ends as a room full of people who did not know each other at the start of the night. ';
  const suffix = '\n\n#northlight #story';
  let body = 'The story of Northlight, in one caption.\n\n';
  while (body.length < 2000) body += paragraph;
  return `${body.slice(0, 2000 - suffix.length).replace(/ $/, '.')}${suffix}`;
}

const OTHER_VENUE_POSTS: PostSpec[] = [
  { at: '2026-03-02T18:00:00Z', kind: 'image', caption: 'Open mic night 🎤 #othervenue' },
  {
    at: '2026-05-16T20:30:00Z',
    kind: 'carousel',
    items: ['image', 'image'],
    caption: 'Two rooms, one night.',
  },
  { at: '2026-07-04T21:15:00Z', kind: 'reel', caption: 'Fireworks from the roof 🎆' },
  { at: '2026-08-22T19:00:00Z', kind: 'image', size: SQUARE },
];

/** The app the OAuth routes know; it takes any http(s) redirect URI. */
const DEMO_APP: SeedApp = { appId: '990000000000001', appSecret: 'emulator-app-secret' };

/** Facebook Login takes a Meta app id, not the Instagram one. */
const DEMO_FACEBOOK_APP: SeedApp = {
  appId: '990000000000002',
  appSecret: 'emulator-facebook-app-secret',
  name: 'Emulator Meta app',
  login: 'facebook',
};

/** The demo seed: @northlight.events (the demo events' posts plus filler) and @othervenue. */
export function buildDemoSeed(): Seed {
  const draw = createDraw(20260429);
  return validateSeed(
    { accounts: [northlight(draw), otherVenue(draw)], apps: [DEMO_APP, DEMO_FACEBOOK_APP] },
    'generated demo seed',
  );
}

function northlight(draw: Draw): SeedAccount {
  const posts = [...EVENT_POSTS, ...fillerPosts(draw)].map((spec) => makePost(draw, spec));
  return {
    userId: '17841400000000001',
    appScopedId: '9517830000000001',
    username: 'northlight.events',
    name: 'Northlight Events',
    accountType: 'BUSINESS',
    biography: 'Events that glow ✨\nBerlin · New York · Lisbon\nTag us: #northlight',
    website: 'https://northlight.example',
    followersCount: 12480,
    followsCount: 318,
    tokens: [
      { token: 'demo-token', expiresAt: '2099-12-31T23:59:59Z' },
      { token: 'expired-token', expiresAt: '2026-01-01T00:00:00Z' },
      { token: 'revoked-token', expiresAt: '2099-12-31T23:59:59Z', revoked: 'password_changed' },
      { token: 'logged-out-token', expiresAt: '2099-12-31T23:59:59Z', revoked: 'invalid' },
    ],
    media: posts.sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp)),
  };
}

function otherVenue(draw: Draw): SeedAccount {
  return {
    userId: '17841400000000002',
    appScopedId: '9517830000000002',
    username: 'othervenue',
    name: 'The Other Venue',
    accountType: 'MEDIA_CREATOR',
    biography: 'Not Northlight.',
    website: '',
    followersCount: 804,
    followsCount: 95,
    tokens: [{ token: 'other-token', expiresAt: '2099-12-31T23:59:59Z' }],
    media: OTHER_VENUE_POSTS.map((spec) => makePost(draw, spec)).reverse(),
  };
}
