import { assembleCaption, captionStats } from '../../../integration/publish/prepare/caption.ts';
import { required } from '../required.ts';
import { el, pageElement } from './dom.ts';

const caption = () => pageElement<HTMLTextAreaElement>('caption');
const hashtagsInput = () => pageElement<HTMLInputElement>('hashtags');

/** The hashtags field as a list: commas or spaces between, `#` optional. */
export const hashtagList = (): string[] =>
  hashtagsInput()
    .value.split(/[\s,]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);
export const captionText = (): string => caption().value;

/** Live counts (characters, hashtags, mentions), warnings and the assembled preview. */
export function startCaptionEditor(): void {
  caption().addEventListener('input', render);
  hashtagsInput().addEventListener('input', render);
  render();
}

function render(): void {
  let text = caption().value;
  let problem: string | undefined;
  try {
    text = assembleCaption(caption().value, hashtagList());
  } catch (error) {
    problem = (error as Error).message;
  }
  const stats = captionStats(text);
  const counts = pageElement('caption-counts');
  const set = (name: string, value: number, max: number) => {
    const span = required(
      counts.querySelector<HTMLElement>(`[data-count="${name}"]`),
      `a ${name} count`,
    );
    span.textContent = `${value} / ${max} ${name}`;
    span.classList.toggle('over', value > max);
  };
  set('characters', stats.characters, 2200);
  set('hashtags', stats.hashtags, 30);
  set('mentions', stats.mentions, 20);
  pageElement('caption-warnings').replaceChildren(
    ...[...(problem ? [problem] : []), ...stats.warnings].map((warning) => el('li', {}, warning)),
  );
  pageElement('caption-preview').textContent = text;
}
