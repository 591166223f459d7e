/**
 * The guest upload page: each chosen file gets a ticket from the server, then its bytes go by
 * PUT (to S3 or to the server) with a progress bar each, then, for S3, a "complete" call that
 * makes the server check the file. Files upload two at a time.
 */
import { required } from './required.ts';

interface Ticket {
  id: string;
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  completeUrl?: string;
}

const form = document.querySelector<HTMLFormElement>('#guest-upload');
if (form) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void uploadAll(form);
  });
}

async function uploadAll(form: HTMLFormElement): Promise<void> {
  const input = form.elements.namedItem('files') as HTMLInputElement;
  const files = [...(input.files ?? [])];
  const fields = { uploader: value(form, 'uploader'), caption: value(form, 'caption') };
  const list = required(form.querySelector('.files'), 'file list');
  const button = required(form.querySelector('button'), 'upload button');
  const eventId = required(form.dataset.event, 'data-event on the form');
  button.disabled = true;
  const queue = files.map((file) => {
    const view = row(list, file.name);
    return () => uploadOne(eventId, file, fields, view);
  });
  await Promise.all([worker(queue), worker(queue)]);
  button.disabled = false;
  input.value = '';
}

async function worker(queue: (() => Promise<void>)[]): Promise<void> {
  for (let task = queue.shift(); task; task = queue.shift()) await task();
}

async function uploadOne(
  eventId: string,
  file: File,
  fields: { uploader: string; caption: string },
  view: Row,
): Promise<void> {
  try {
    const started = await postJson(`/api/guest/${eventId}/uploads`, {
      fileName: file.name,
      bytes: file.size,
      contentType: typeOf(file),
      ...fields,
    });
    const { upload } = started as { upload: Ticket };
    const answer = await put(upload, file, (fraction) => (view.progress.value = fraction));
    if (upload.completeUrl) await postJson(upload.completeUrl, {});
    else if (answer.status >= 300) throw new Error(messageOf(answer.body));
    view.done('Uploaded: waiting for approval.');
  } catch (error) {
    view.fail((error as Error).message);
  }
}

function put(
  ticket: Ticket,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(ticket.method, ticket.url);
    for (const [name, header] of Object.entries(ticket.headers))
      request.setRequestHeader(name, header);
    request.upload.addEventListener(
      'progress',
      (event) => event.lengthComputable && onProgress(event.loaded / event.total),
    );
    request.addEventListener('load', () => {
      if (ticket.completeUrl && request.status >= 300)
        reject(new Error('The upload was refused by the storage. Try again.'));
      else resolve({ status: request.status, body: request.responseText });
    });
    request.addEventListener('error', () =>
      reject(new Error('The connection was lost. Try again.')),
    );
    request.send(file);
  });
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(messageOf(text));
  return JSON.parse(text);
}

function messageOf(body: string): string {
  try {
    return (JSON.parse(body) as { error: { message: string } }).error.message;
  } catch {
    return 'The upload failed. Try again.';
  }
}

interface Row {
  progress: HTMLProgressElement;
  done(message: string): void;
  fail(message: string): void;
}

function row(list: Element, name: string): Row {
  const item = document.createElement('li');
  const label = document.createElement('span');
  label.textContent = name;
  const progress = document.createElement('progress');
  progress.max = 1;
  progress.value = 0;
  progress.setAttribute('aria-label', `Upload of ${name}`);
  const status = document.createElement('span');
  status.className = 'status';
  item.append(label, progress, status);
  list.append(item);
  return {
    progress,
    done(message) {
      progress.value = 1;
      status.textContent = message;
      item.dataset.state = 'done';
    },
    // A refused file shows why instead of its bar (which may have filled while the bytes went up).
    fail(message) {
      progress.remove();
      status.setAttribute('role', 'alert');
      status.textContent = message;
      item.classList.add('failed');
      item.dataset.state = 'failed';
    },
  };
}

function value(form: HTMLFormElement, name: string): string {
  return ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();
}

/** Some Android browsers leave the type of HEIC files empty. */
function typeOf(file: File): string {
  if (file.type) return file.type;
  return /\.hei[cf]$/i.test(file.name) ? 'image/heic' : 'application/octet-stream';
}
