/** The message an embed page sends its parent page; `id` tells several frames on one page apart. */
export interface FrameHeightMessage {
  type: 'ais:height';
  height: number;
  id: string | null;
}

/**
 * Tells the page that frames this one how tall `content` is, on load and whenever it changes,
 * so that the iframe can be exactly as tall as the gallery. The frame's id comes from the
 * `#frame=<id>` the snippet puts in the frame's URL.
 */
export function reportHeight(content: HTMLElement): void {
  if (window.parent === window) return;
  const id = new URLSearchParams(location.hash.slice(1)).get('frame');
  let last = -1;
  const post = (always: boolean) => {
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === last && !always) return;
    last = height;
    const message: FrameHeightMessage = { type: 'ais:height', height, id };
    // The height is no secret, and a static page cannot know which sites frame it.
    window.parent.postMessage(message, '*');
  };
  new ResizeObserver(() => post(false)).observe(content);
  window.addEventListener('load', () => post(true));
}
