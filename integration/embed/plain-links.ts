/**
 * Clicks on links do what the link says (open in a new tab) and nothing else: no script of the
 * framed page (e.g. the gallery's lightbox) turns them into an overlay inside the frame.
 */
export function keepLinksPlain(content: HTMLElement): void {
  const stopAtLinks = (event: MouseEvent) => {
    if ((event.target as Element).closest('a[href]')) event.stopPropagation();
  };
  content.addEventListener('click', stopAtLinks, { capture: true }); // before the gallery's own listeners
}
