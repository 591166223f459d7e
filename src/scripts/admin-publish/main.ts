import { captionText, hashtagList, startCaptionEditor } from './caption-editor.ts';
import { fromGuestPhoto, fromPostItem, type GuestPhoto, type PostItem } from './candidates.ts';
import { byId, getJson, pageElement } from './dom.ts';
import { follow, loadHistory, showJob, startJobView, type Job } from './job-view.ts';
import { chosenItems, offer, startPicker } from './picker.ts';
import { startUploads } from './uploads.ts';

startJobView();

const form = byId<HTMLFormElement>('publish-form');
if (form) {
  startPicker();
  startUploads();
  startCaptionEditor();
  const account = pageElement<HTMLSelectElement>('account');
  const event = pageElement<HTMLSelectElement>('event');
  event.addEventListener('change', () => void loadSources());
  account.addEventListener('change', () => void loadSources());
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    void publish();
  });
  void loadSources();
}

let sourcesAsked = 0;

/** The chosen event's approved guest photos and the account's Instagram media in its window. */
async function loadSources(): Promise<void> {
  // Only the newest request may fill the lists: an older answer arriving late is dropped.
  const ticket = ++sourcesAsked;
  const account = pageElement<HTMLSelectElement>('account').value;
  const eventId = pageElement<HTMLSelectElement>('event').value;
  if (!eventId) return offer('photos', []);
  const status = pageElement('posts-status');
  status.textContent = 'Reading the account’s posts…';
  const body = await getJson<{ photos: GuestPhoto[]; posts: PostItem[]; postsError?: string }>(
    `/api/publish/sources?event=${encodeURIComponent(eventId)}&account=${encodeURIComponent(account)}`,
  );
  if (ticket !== sourcesAsked) return;
  if (!body) {
    status.textContent = 'The event’s photos could not be loaded; reload the page.';
    return;
  }
  offer('photos', body.photos.map(fromGuestPhoto));
  offer('posts', body.posts.map(fromPostItem(account)));
  status.textContent = body.postsError ?? '';
}

// One key per publish the staff means: kept when the answer is lost (a second click then
// gets the same job, never a second post), renewed once the server has answered.
let idempotencyKey = crypto.randomUUID();

async function publish(): Promise<void> {
  const formError = pageElement('form-error');
  const submit = pageElement<HTMLButtonElement>('publish');
  formError.hidden = true;
  submit.disabled = true;
  try {
    const tags = hashtagList();
    const response = await fetch('/api/publish', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        account: pageElement<HTMLSelectElement>('account').value,
        kind: pageElement<HTMLSelectElement>('kind').value,
        fit: pageElement<HTMLSelectElement>('fit').value,
        items: chosenItems(),
        ...(captionText() && { caption: captionText() }),
        ...(tags.length > 0 && { hashtags: tags }),
        idempotencyKey,
      }),
    });
    idempotencyKey = crypto.randomUUID();
    const body = (await response.json().catch(() => ({}))) as {
      job?: Job;
      error?: { message: string };
    };
    if (!response.ok || !body.job) {
      formError.textContent = body.error?.message ?? `Publishing was refused (${response.status}).`;
      formError.hidden = false;
      return;
    }
    showJob(body.job);
    void follow(body.job.id);
    void loadHistory();
  } catch (error) {
    formError.textContent = `Could not reach the server: ${(error as Error).message}`;
    formError.hidden = false;
  } finally {
    submit.disabled = false;
  }
}
