import { startCaptionEditor } from './caption-editor.ts';
import { fromGuestPhoto, fromPostItem, type GuestPhoto, type PostItem } from './candidates.ts';
import { byId, eventTimeZone, getJson, pageElement } from './dom.ts';
import { loadHistory, startJobView } from './job-view.ts';
import { offer, startPicker } from './picker.ts';
import { startSubmit } from './submit.ts';
import { startUploads } from './uploads.ts';

startJobView();

const form = byId<HTMLFormElement>('publish-form');
if (form) {
  startPicker();
  startUploads();
  startCaptionEditor();
  const account = pageElement<HTMLSelectElement>('account');
  const event = pageElement<HTMLSelectElement>('event');
  event.addEventListener('change', () => {
    void loadSources();
    void loadHistory(); // its times are shown in the event's zone
  });
  account.addEventListener('change', () => void loadSources());
  startSubmit(form, () => void loadSources());
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
  offer('posts', body.posts.map(fromPostItem(account, eventTimeZone())));
  status.textContent = body.postsError ?? '';
}
