import { required } from '../required.ts';

/** The element with this id, typed by the caller. */
export const byId = <T extends HTMLElement = HTMLElement>(id: string) =>
  document.getElementById(id) as T | null;

/** The element with this id, which the page always renders. */
export const pageElement = <T extends HTMLElement = HTMLElement>(id: string): T =>
  required(byId<T>(id), `#${id}`);

/** A new element with attributes and, optionally, text. */
export function el(
  tag: string,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** GET a JSON API route of this site. */
export async function getJson<T>(url: string): Promise<T | undefined> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  return response.ok ? ((await response.json()) as T) : undefined;
}

/** The chosen event's time zone, in which the page shows times; UTC without an event. */
export function eventTimeZone(): string {
  const select = byId<HTMLSelectElement>('event');
  return select?.selectedOptions[0]?.dataset.timezone || 'UTC';
}
