import type { Container } from '../publishing/containers.ts';
import type { FacebookScope } from '../oauth/facebook-scopes.ts';
import type { LoginFlavour } from './flavour.ts';
import type { InstagramScope } from '../oauth/scopes.ts';
import type {
  Seed,
  SeedAccount,
  SeedApp,
  SeedChild,
  SeedMedia,
  SeedToken,
  TokenKind,
  TokenRevocation,
} from '../seed/seed.ts';
import { tokenFromSeed } from '../oauth/tokens.ts';

/** The seed turned into lookups: what every route reads from. */
export interface Store {
  accounts: Account[];
  accountsByUserId: Map<string, Account>;
  /** Accounts by the id of the Facebook Page they are linked to (Facebook Login). */
  accountsByPageId: Map<string, Account>;
  media: Map<string, Media>;
  /** Seeded tokens and the ones minted since (OAuth routes, control). */
  tokens: Map<string, Token>;
  /** OAuth apps by app id (`client_id`). */
  apps: Map<string, SeedApp>;
  /** CDN files by name (`<id>_n.jpg` …), so the CDN route can render or stream them. */
  assets: Map<string, Asset>;
  /** Content publishing containers by id: never the id of a media object. */
  containers: Map<string, Container>;
  /** Other people's posts that tag or @mention seeded accounts (control `addGuestPost`), by id. */
  guestPosts: Map<string, GuestPost>;
}

/** A post by someone outside the seed: its media belongs to an account no token reads. */
export interface GuestPost {
  media: Media;
  /** IG user ids tagged on the picture: their `/tags` list it. */
  tags: Set<string>;
  /** IG user ids @mentioned in the caption: their `mentioned_media` reads it. */
  mentions: Set<string>;
}

export interface Account {
  seed: SeedAccount;
  userId: string;
  /** Feed posts and reels, newest first, the order Graph lists media in. */
  media: Media[];
  /** Stories, newest first: Graph lists them apart, under `/stories`. */
  stories: Media[];
  profilePicture: Asset;
  /** The Facebook side (Facebook Login): the Page the account is linked to, and the user managing it. */
  facebook: FacebookSide;
}

export interface FacebookSide {
  userId: string;
  userName: string;
  pageId: string;
  pageName: string;
}

export interface Media {
  id: string;
  account: Account;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  /** Graph leaves `STORY` out of the media list. */
  productType: 'FEED' | 'REELS' | 'STORY';
  timestampMs: number;
  width: number;
  height: number;
  altText?: string;
  /** Absent on carousel children. */
  post?: PostDetails;
  parent?: Media;
  children: Media[];
  /** The image or video file; for a carousel, its first child's file. */
  asset?: Asset;
  /** Video poster frame. */
  thumbnail?: Asset;
}

/** What a post has beyond its files: from the seed, or from the container it was published from. */
export type PostDetails = Pick<
  SeedMedia,
  | 'caption'
  | 'shortcode'
  | 'likeCount'
  | 'commentsCount'
  | 'copyrightBlocked'
  | 'clip'
  | 'commentsEnabled'
  | 'sharedToFeed'
  | 'insights'
  | 'sharesUnsupported'
>;

export type Scope = InstagramScope | FacebookScope;

export interface Token {
  token: string;
  account: Account;
  /** Which host takes it: an Instagram token fails on the Facebook host and the other way round. */
  flavour: LoginFlavour;
  /** `page`: a Facebook Page token from `/me/accounts`. */
  kind: TokenKind | 'page';
  /** On the emulator clock: refresh needs the token to be 24 h old. */
  issuedAtMs: number;
  expiresAtMs: number;
  scopes: Scope[];
  revoked?: TokenRevocation;
  /** The app it was issued to; seeded and control-issued tokens take any seeded app's secret. */
  appId?: string;
  /** Seeded tokens only: what a reset restores. */
  seed?: SeedToken;
  /** Facebook user tokens: the Page token `/me/accounts` handed out for it, the same each time. */
  pageToken?: string;
}

export interface Asset {
  file: string;
  kind: 'image' | 'video';
  width: number;
  height: number;
  /** Lines drawn on the generated image. */
  label: string[];
  /** Drives the generated colour, so each item looks distinct but stable. */
  colourKey: string;
  /** Published media: the fetched bytes, served as they are instead of a drawn image. */
  bytes?: Buffer;
  /** Videos: which bundled clip is served (see SeedMedia.clip). */
  clip?: '2s' | '4s';
}

export function createStore(seed: Seed): Store {
  const store: Store = {
    accounts: [],
    accountsByUserId: new Map(),
    accountsByPageId: new Map(),
    media: new Map(),
    tokens: new Map(),
    apps: new Map((seed.apps ?? []).map((app) => [app.appId, app])),
    assets: new Map(),
    containers: new Map(),
    guestPosts: new Map(),
  };
  for (const seedAccount of seed.accounts) addAccount(store, seedAccount);
  return store;
}

function addAccount(store: Store, seed: SeedAccount): void {
  const profilePicture = addAsset(store, {
    file: `${seed.userId}_p_n.jpg`,
    kind: 'image',
    width: 320,
    height: 320,
    label: [`@${seed.username}`],
    colourKey: seed.userId,
  });
  const account: Account = {
    seed,
    userId: seed.userId,
    media: [],
    stories: [],
    profilePicture,
    facebook: facebookSide(seed),
  };
  store.accounts.push(account);
  store.accountsByUserId.set(seed.userId, account);
  store.accountsByPageId.set(account.facebook.pageId, account);
  for (const token of seed.tokens) store.tokens.set(token.token, tokenFromSeed(token, account));
  const isStory = (post: SeedMedia) => post.productType === 'STORY';
  account.media = addPosts(
    store,
    account,
    seed.media.filter((post) => !isStory(post)),
    'Post',
  );
  account.stories = addPosts(store, account, seed.media.filter(isStory), 'Story');
}

/** Every account is linked to a Page; when the seed names none, its ids derive from the IG user id. */
function facebookSide(seed: SeedAccount): FacebookSide {
  const tail = seed.userId.slice(-13);
  return {
    userId: seed.facebookUserId ?? `100${tail}`,
    userName: seed.name,
    pageId: seed.facebookPage?.id ?? `101${tail}`,
    pageName: seed.facebookPage?.name ?? `${seed.name} (Page)`,
  };
}

/** Numbered oldest first (for the drawn labels), listed newest first. */
function addPosts(store: Store, account: Account, posts: SeedMedia[], kind: string): Media[] {
  const oldestFirst = [...posts].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  return oldestFirst.map((post, i) => addPost(store, account, post, `${kind} ${i + 1}`)).reverse();
}

function addPost(store: Store, account: Account, post: SeedMedia, name: string): Media {
  const media: Media = {
    id: post.id,
    account,
    mediaType: post.mediaType,
    productType: post.productType,
    timestampMs: Date.parse(post.timestamp),
    width: post.width,
    height: post.height,
    altText: post.altText,
    post,
    children: [],
  };
  const label = [`@${account.seed.username}`, name, post.timestamp.slice(0, 10)];
  media.children = (post.children ?? []).map((child, i) =>
    addChild(store, media, child, [...label, `${i + 1} of ${post.children?.length}`]),
  );
  if (media.mediaType === 'CAROUSEL_ALBUM') media.asset = media.children[0]?.asset;
  else addFiles(store, media, label);
  store.media.set(media.id, media);
  return media;
}

function addChild(store: Store, parent: Media, child: SeedChild, label: string[]): Media {
  const media: Media = {
    id: child.id,
    account: parent.account,
    mediaType: child.mediaType,
    productType: 'FEED',
    timestampMs: parent.timestampMs,
    width: child.width,
    height: child.height,
    altText: child.altText,
    parent,
    children: [],
  };
  addFiles(store, media, label);
  store.media.set(media.id, media);
  return media;
}

export function addFiles(store: Store, media: Media, label: string[]): void {
  const common = { width: media.width, height: media.height, colourKey: media.id };
  const sized = [...label, `${media.width} × ${media.height}`];
  if (media.mediaType === 'VIDEO') {
    media.asset = addAsset(store, {
      ...common,
      file: `${media.id}_n.mp4`,
      kind: 'video',
      label: sized,
      ...(media.post?.clip && { clip: media.post.clip }),
    });
    media.thumbnail = addAsset(store, {
      ...common,
      file: `${media.id}_t_n.jpg`,
      kind: 'image',
      label: [...sized, '▶ video'],
    });
  } else {
    media.asset = addAsset(store, {
      ...common,
      file: `${media.id}_n.jpg`,
      kind: 'image',
      label: sized,
    });
  }
}

export function addAsset(store: Store, asset: Asset): Asset {
  store.assets.set(asset.file, asset);
  return asset;
}
