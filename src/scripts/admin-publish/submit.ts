import { captionText, hashtagList } from './caption-editor.ts';
import { formatDay, formatTime } from '../../../integration/components/format.ts';
import { byId, eventTimeZone } from './dom.ts';
import { follow, loadHistory, onJobShown, showJob, type Job } from './job-view.ts';
import { chosenItems, clearChosen } from './picker.ts';

/** The job a repeat would copy, as the API names it (409 `repeat_publish`, `error.previous`). */
interface PreviousJob {
  jobId: string;
  status: 'queued' | 'running' | 'published';
  at: string;
}

/** The job the form's composition went to: when it is published, the form starts afresh. */
let formJob: string | undefined;
/** The job a "Publish again?" question is about. */
let asked: string | undefined;
let sending = false;
let jobRunning = false;

/**
 * The Publish button and what answers it: disabled while a request or a job runs, a form reset
 * once the post is live, and an explicit question before the same post goes out twice.
 */
export function startSubmit(form: HTMLFormElement, afterReset: () => void): void {
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    void publish();
  });
  byId('repeat-confirm')?.addEventListener('click', () => void publish(asked));
  byId('repeat-cancel')?.addEventListener('click', () => hideQuestion());
  onJobShown((job) => {
    jobRunning = job.status === 'queued' || job.status === 'running';
    updateButton();
    if (job.id === formJob && job.status === 'published') {
      formJob = undefined;
      resetForm(form);
      afterReset();
    }
  });
}

/** What the form would publish, as the publish API takes it (without the key). */
function composition(): Record<string, unknown> {
  const value = (id: string) => byId<HTMLSelectElement>(id)?.value ?? '';
  const tags = hashtagList();
  return {
    account: value('account'),
    kind: value('kind'),
    fit: value('fit'),
    items: chosenItems(),
    ...(captionText() && { caption: captionText() }),
    ...(tags.length > 0 && { hashtags: tags }),
  };
}

async function publish(repeatOf?: string): Promise<void> {
  const formError = byId('form-error');
  if (!formError || sending || jobRunning) return;
  formError.hidden = true;
  hideQuestion();
  sending = true;
  updateButton();
  try {
    const body = composition();
    const response = await fetch('/api/publish', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        ...body,
        // The key belongs to the post, not to the click: a second click, a lost answer or a
        // second tab gets the same job. A confirmed repeat is a post of its own.
        idempotencyKey: compositionKey(JSON.stringify(body), repeatOf),
        ...(repeatOf && { confirmRepeat: true }),
      }),
    });
    const answer = (await response.json().catch(() => ({}))) as {
      job?: Job;
      error?: { code?: string; message: string; previous?: PreviousJob };
    };
    if (response.status === 409 && answer.error?.previous) return ask(answer.error.previous);
    if (!response.ok || !answer.job) {
      formError.textContent =
        answer.error?.message ?? `Publishing was refused (${response.status}).`;
      formError.hidden = false;
      return;
    }
    const { job } = answer;
    // 200: this very post was sent before. Live already: ask; else follow the job it made.
    if (response.status === 200 && job.status === 'published')
      return ask({ jobId: job.id, status: 'published', at: job.publishedAt ?? job.updatedAt });
    formJob = job.id;
    showJob(job);
    void follow(job.id);
    void loadHistory();
  } catch (error) {
    formError.textContent = `Could not reach the server: ${(error as Error).message}`;
    formError.hidden = false;
  } finally {
    sending = false;
    updateButton();
  }
}

function ask(previous: PreviousJob): void {
  const question = byId('repeat-question');
  const box = byId('repeat');
  if (!question || !box) return;
  asked = previous.jobId;
  question.textContent =
    previous.status === 'published'
      ? `Published at ${whenOf(previous.at)}. Publish again?`
      : `Being published since ${whenOf(previous.at)}. Publish it a second time?`;
  box.hidden = false;
  byId('repeat-confirm')?.focus();
}

function hideQuestion(): void {
  asked = undefined;
  const box = byId('repeat');
  if (box) box.hidden = true;
}

/** "20:02 CEST" in the event's zone, with the day when it was not today there. */
function whenOf(iso: string): string {
  const zone = eventTimeZone();
  const today = formatDay(new Date().toISOString(), zone) === formatDay(iso, zone);
  return today
    ? formatTime(iso, zone, true)
    : `${formatTime(iso, zone, true)} on ${formatDay(iso, zone)}`;
}

function updateButton(): void {
  const button = byId<HTMLButtonElement>('publish');
  if (button) button.disabled = sending || jobRunning;
}

/** After a post went live: nothing chosen, no caption, the first choices again. */
function resetForm(form: HTMLFormElement): void {
  form.reset();
  clearChosen();
  hideQuestion();
  for (const id of ['caption', 'hashtags'])
    byId(id)?.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A key for a composition (and, for a confirmed repeat, the job it repeats): two 53-bit hashes
 * of the text. Not for secrecy; `crypto.subtle` would need a secure context the admin may lack.
 */
function compositionKey(text: string, repeatOf?: string): string {
  const input = repeatOf ? `${text}\nagain after ${repeatOf}` : text;
  return `post-${hash53(input, 1).toString(36)}-${hash53(input, 2).toString(36)}`;
}

function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
