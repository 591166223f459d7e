import { experimental_AstroContainer as AstroContainer } from 'astro/container';

type Component = Parameters<AstroContainer['renderToString']>[0];

let container: Promise<AstroContainer> | undefined;

/** The component rendered to HTML by Astro's container, against the fixture project's collections. */
export async function render(
  component: Component,
  props: Record<string, unknown> = {},
): Promise<string> {
  container ??= AstroContainer.create();
  return (await container).renderToString(component, { props });
}

/** The attributes of every opening tag `<name …>` in `html`, in document order. */
export function tags(html: string, name: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'g'))].map((match) =>
    Object.fromEntries(
      [...match[1]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(([, key, value]) => [
        key!,
        value ?? '',
      ]),
    ),
  );
}

/** `data-id` of each gallery item, in order. */
export const itemIds = (html: string) =>
  tags(html, 'li')
    .filter((li) => 'data-id' in li)
    .map((li) => li['data-id']);

/** The classes of the first tag `<name>`. */
export const classesOf = (html: string, name: string) =>
  (tags(html, name)[0]?.class ?? '').split(/\s+/).filter(Boolean);

/** Text with tags removed and whitespace collapsed, for "does the page say …". */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
