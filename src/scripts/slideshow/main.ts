/**
 * The live slideshow: two <figure>s on one fixed stage, the next photo loaded into the hidden
 * one and faded in once it has loaded, so nothing moves and the page holds two images however
 * long it runs. New approvals come from polling the server's list (docs/decisions.md, #16).
 */
import { required } from '../required.ts';
import { Playlist, type Slide } from './playlist.ts';
import { CONTROLS_MS, POLL_MS, RETRY_MS, SLIDE_MS } from './timing.ts';

interface ApprovedPhoto {
  id: string;
  src: string;
  caption?: string;
  uploader?: string;
  alt?: string;
}

type FullscreenDocument = Document & {
  webkitFullscreenElement?: Element | null;
  webkitExitFullscreen?: () => void;
};
type FullscreenElement = HTMLElement & { webkitRequestFullscreen?: () => void };

const root = document.querySelector<HTMLElement>('#slideshow');
if (root) start(root);

function start(root: HTMLElement): void {
  const slides = JSON.parse(
    required(root.querySelector('#slideshow-slides')?.textContent, 'slides'),
  ) as Slide[];
  const playlist = new Playlist(slides);
  const feed = required(root.dataset.feed, 'data-feed');
  const [first, second] = [...root.querySelectorAll<HTMLElement>('.slide')];
  let front = required(first, 'first slide');
  let back = required(second, 'second slide');
  const empty = required(root.querySelector<HTMLElement>('.empty'), 'empty notice');
  const pausedBadge = required(root.querySelector<HTMLElement>('.paused'), 'paused notice');
  const pauseButton = required(
    root.querySelector<HTMLButtonElement>('[data-action="pause"]'),
    'pause button',
  );
  let paused = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let loading = 0;
  let failures = 0;
  // The server rendered the first photo: the playlist starts there.
  let shown = playlist.next()?.id;

  function schedule(): void {
    clearTimeout(timer);
    timer = paused ? undefined : setTimeout(() => show(playlist.next()), SLIDE_MS);
  }

  function show(slide: Slide | undefined): void {
    if (!slide) {
      schedule();
      return;
    }
    const ticket = ++loading;
    const image = required(back.querySelector('img'), 'slide image');
    // Properties, not listeners: an image has one of each however many photos it shows.
    image.onload = () => {
      if (ticket !== loading) return;
      caption(back, slide);
      back.classList.add('shown');
      front.classList.remove('shown');
      [front, back] = [back, front];
      shown = slide.id;
      root.dataset.slide = slide.id;
      empty.hidden = true;
      schedule();
    };
    // A photo un-approved since the list came: the next one, at the next turn.
    image.onerror = () => {
      if (ticket === loading) schedule();
    };
    image.alt = slide.alt ?? '';
    image.src = slide.src;
  }

  function setPaused(value: boolean): void {
    paused = value;
    pausedBadge.hidden = !paused;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Play' : 'Pause';
    schedule();
  }

  async function poll(): Promise<void> {
    const started = Date.now();
    let delay = POLL_MS;
    try {
      // `no-cache`: the browser asks again with the list's ETag; an unchanged list is a 304.
      const response = await fetch(feed, {
        cache: 'no-cache',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { photos } = (await response.json()) as { photos: ApprovedPhoto[] };
      const arrived = playlist.update(photos.map(toSlide));
      // Nothing on screen yet (an event without built photos): the first arrival at once.
      if (arrived > 0 && shown === undefined) show(playlist.next());
      failures = 0;
    } catch {
      // A server restarting: the usual pace for a few tries. A static host, with no server: slower.
      failures += 1;
      if (failures > 3) delay = RETRY_MS;
    }
    // Counted from the request, so a slow answer does not stretch the wait for new photos.
    setTimeout(() => void poll(), Math.max(0, delay - (Date.now() - started)));
  }

  function wake(): void {
    root.classList.add('active');
    clearTimeout(idle);
    idle = setTimeout(() => root.classList.remove('active'), CONTROLS_MS);
  }

  const actions: Record<string, () => void> = {
    previous: () => show(playlist.previous()),
    next: () => show(playlist.next()),
    pause: () => setPaused(!paused),
    fullscreen: () => toggleFullscreen(root),
  };
  const keys: Record<string, string> = {
    ArrowLeft: 'previous',
    MediaTrackPrevious: 'previous',
    ArrowRight: 'next',
    MediaTrackNext: 'next',
    ' ': 'pause',
    Spacebar: 'pause',
    MediaPlayPause: 'pause',
    f: 'fullscreen',
    F: 'fullscreen',
  };

  root.addEventListener('click', (event) => {
    const action = (event.target as Element).closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action) actions[action]?.();
  });
  document.addEventListener('keydown', (event) => {
    wake();
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // Space and Enter on a focused button press that button.
    if ((event.target as Element).closest('button, a') && /^( |Spacebar|Enter)$/.test(event.key))
      return;
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    actions[action]?.();
  });
  document.addEventListener('pointermove', wake);
  document.addEventListener('pointerdown', wake);
  document.addEventListener('visibilitychange', keepScreenOn);

  const fullscreen = root as FullscreenElement;
  if (!fullscreen.requestFullscreen && !fullscreen.webkitRequestFullscreen)
    root.querySelector<HTMLElement>('[data-action="fullscreen"]')?.remove();
  if (!shown) empty.hidden = false;
  wake();
  keepScreenOn();
  schedule();
  void poll();
}

function toSlide(photo: ApprovedPhoto): Slide {
  return {
    id: photo.id,
    src: photo.src,
    alt: photo.alt ?? photo.caption ?? 'Guest photo',
    ...(photo.caption && { caption: photo.caption }),
    ...(photo.uploader && { credit: photo.uploader }),
  };
}

function caption(figure: HTMLElement, slide: Slide): void {
  const text = required(figure.querySelector<HTMLElement>('.caption'), 'caption');
  const credit = required(figure.querySelector<HTMLElement>('.credit'), 'credit');
  text.textContent = slide.caption ?? '';
  credit.textContent = slide.credit ?? '';
  required(figure.querySelector('figcaption'), 'figcaption').classList.toggle(
    'blank',
    !slide.caption && !slide.credit,
  );
}

function toggleFullscreen(element: FullscreenElement): void {
  const doc = document as FullscreenDocument;
  if (doc.fullscreenElement ?? doc.webkitFullscreenElement) {
    if (doc.exitFullscreen) void doc.exitFullscreen().catch(() => undefined);
    else doc.webkitExitFullscreen?.();
  } else if (element.requestFullscreen) {
    void element.requestFullscreen().catch(() => undefined);
  } else {
    element.webkitRequestFullscreen?.();
  }
}

/** A screen at the venue should not go to sleep; where the browser cannot help it, nothing happens. */
function keepScreenOn(): void {
  if (document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
  navigator.wakeLock.request('screen').catch(() => undefined);
}
