import { unpublishableReason } from '../../../integration/publish/prepare/publishable.ts';
import { kindRules, type Candidate, type Source } from './candidates.ts';
import { byId, el, pageElement } from './dom.ts';

interface Chosen extends Candidate {
  altText: string;
}

/** The lists items are picked from, by element id: guest photos, Instagram media, uploads. */
const groups = new Map<string, Candidate[]>();
let chosen: Chosen[] = [];
const kind = () => pageElement<HTMLSelectElement>('kind').value;
const takesAltText = () => kind() === 'image' || kind() === 'carousel';

/** Replaces what a list offers (another event's photos, say); chosen items stay chosen. */
export function offer(listId: string, candidates: Candidate[]): void {
  groups.set(listId, candidates);
  renderGroup(listId);
}

/** Adds one candidate to a list, and chooses it when there is room. */
export function offerAndChoose(listId: string, candidate: Candidate): void {
  groups.set(listId, [...(groups.get(listId) ?? []), candidate]);
  choose(candidate);
}

/** The chosen items in order, as the publish API takes them. */
export function chosenItems(): { source: Source; altText?: string }[] {
  return chosen.map((item) => ({
    source: item.source,
    ...(takesAltText() &&
      item.mediaType === 'image' &&
      item.altText.trim() && { altText: item.altText.trim() }),
  }));
}

/** Chooses nothing (after a post went live). */
export function clearChosen(): void {
  chosen = [];
  render();
}

export function startPicker(): void {
  pageElement('kind').addEventListener('change', () => {
    const { max, accepts } = kindRules(kind());
    chosen = chosen
      .filter((item) => accepts(item.mediaType) && !unpublishableReason(item, kind()))
      .slice(0, max);
    render();
  });
  render();
}

function choose(candidate: Candidate): void {
  const { max, accepts } = kindRules(kind());
  if (
    chosen.length < max &&
    accepts(candidate.mediaType) &&
    !unpublishableReason(candidate, kind()) &&
    !chosen.some((c) => c.key === candidate.key)
  ) {
    chosen.push({ ...candidate, altText: candidate.alt ?? '' });
  }
  render();
}

function unchoose(key: string): void {
  chosen = chosen.filter((c) => c.key !== key);
  render();
}

function move(from: number, to: number): void {
  if (to < 0 || to >= chosen.length || from === to) return;
  const [item] = chosen.splice(from, 1);
  if (item) chosen.splice(to, 0, item);
  renderChosen();
}

function render(): void {
  for (const listId of groups.keys()) renderGroup(listId);
  renderChosen();
}

function renderGroup(listId: string): void {
  const list = byId(listId);
  if (!list) return;
  const { max, accepts } = kindRules(kind());
  const taken = new Set(chosen.map((c) => c.key));
  // The list is drawn anew: the keyboard stays on the box it was on (same id), not on the page.
  const focused = list.contains(document.activeElement) ? document.activeElement?.id : undefined;
  list.replaceChildren(
    ...(groups.get(listId) ?? []).map((candidate) => {
      const id = `pick-${candidate.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      // What Instagram would refuse whatever else is chosen: shown with its reason, never offered.
      const reason = unpublishableReason(candidate, kind());
      const box = el('input', {
        type: 'checkbox',
        id,
        ...(reason && { 'aria-describedby': `${id}-reason` }),
      }) as HTMLInputElement;
      box.checked = taken.has(candidate.key);
      box.disabled =
        reason !== undefined ||
        (!box.checked && (chosen.length >= max || !accepts(candidate.mediaType)));
      box.addEventListener('change', () =>
        box.checked ? choose(candidate) : unchoose(candidate.key),
      );
      const label = el('label', { for: id });
      label.append(thumbnail(candidate), el('span', {}, `Add ${candidate.name}`));
      const item = el('li', {
        'data-name': candidate.name,
        'data-media-type': candidate.mediaType,
        ...(reason && { 'data-unpublishable': '' }),
      });
      item.append(box, label);
      // Beside the label, not in it: the box's description, not part of its name.
      if (reason) item.append(el('small', { id: `${id}-reason`, class: 'unpublishable' }, reason));
      return item;
    }),
  );
  if (focused) byId(focused)?.focus();
  const empty = byId(`${listId}-empty`);
  if (empty) empty.hidden = (groups.get(listId) ?? []).length > 0;
}

function renderChosen(): void {
  const list = pageElement('chosen');
  list.replaceChildren(...chosen.map((item, index) => chosenRow(list, item, index)));
  pageElement('chosen-empty').hidden = chosen.length > 0;
  pageElement('chosen-count').textContent = `(${chosen.length} of ${kindRules(kind()).max})`;
}

function chosenRow(list: HTMLElement, item: Chosen, index: number): HTMLElement {
  const row = el('li', { draggable: 'true', 'data-name': item.name, 'data-index': String(index) });
  const button = (text: string, action: string, run: () => void) => {
    const b = el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'aria-label': `${text} ${item.name}`,
        'data-action': action,
      },
      text,
    );
    b.addEventListener('click', () => {
      run();
      // Keep the keyboard on the moved item: the same button, else (at an end, where that
      // button is gone) its other move button, else the list's first button.
      const moved = list.querySelector(`li[data-name="${CSS.escape(item.name)}"]`);
      const next =
        moved?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`) ??
        moved?.querySelector<HTMLButtonElement>(
          'button[data-action="up"], button[data-action="down"]',
        ) ??
        list.querySelector<HTMLButtonElement>('button');
      next?.focus();
    });
    return b;
  };
  row.append(
    el('span', { class: 'position' }, `${index + 1}.`),
    thumbnail(item),
    el('span', { class: 'name' }, item.name),
  );
  if (takesAltText() && item.mediaType === 'image') row.append(...altTextField(item, index));
  // No Move up on the first item, no Move down on the last: a button that does nothing would
  // still be a stop for the keyboard.
  if (index > 0) row.append(button('Move up', 'up', () => move(index, index - 1)));
  if (index < chosen.length - 1)
    row.append(button('Move down', 'down', () => move(index, index + 1)));
  row.append(button('Remove', 'remove', () => unchoose(item.key)));
  row.addEventListener('dragstart', (event) => {
    event.dataTransfer?.setData('text/plain', String(index));
    row.classList.add('dragging');
  });
  row.addEventListener('dragend', () => row.classList.remove('dragging'));
  row.addEventListener('dragover', (event) => event.preventDefault());
  row.addEventListener('drop', (event) => {
    event.preventDefault();
    const from = Number(event.dataTransfer?.getData('text/plain'));
    if (Number.isInteger(from)) move(from, index);
  });
  return row;
}

function altTextField(item: Chosen, index: number): HTMLElement[] {
  const input = el('input', {
    type: 'text',
    id: `alt-${index}`,
    maxlength: '1000',
  }) as HTMLInputElement;
  input.value = item.altText;
  input.addEventListener('input', () => (item.altText = input.value));
  return [el('label', { for: `alt-${index}` }, `Alt text for ${item.name}`), input];
}

function thumbnail(candidate: Candidate): HTMLElement {
  if (!candidate.thumbnail)
    return el(
      'span',
      { class: 'no-thumbnail' },
      candidate.mediaType === 'video' ? 'Video' : 'Photo',
    );
  if (candidate.source.type === 'upload' && candidate.mediaType === 'video') {
    return el('video', {
      src: candidate.thumbnail,
      width: '120',
      muted: '',
      preload: 'metadata',
      'aria-hidden': 'true',
    });
  }
  return el('img', {
    src: candidate.thumbnail,
    alt: candidate.alt ?? '',
    width: '120',
    loading: 'lazy',
  });
}
