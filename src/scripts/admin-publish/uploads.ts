import { fromUpload, type StagedUpload } from './candidates.ts';
import { byId, el, pageElement } from './dom.ts';
import { offerAndChoose } from './picker.ts';

/** Staff's own files: each uploaded on its own request, with its own progress bar. */
export function startUploads(): void {
  const input = byId<HTMLInputElement>('upload-files');
  input?.addEventListener('change', () => {
    for (const file of input.files ?? []) void upload(file);
    input.value = '';
  });
}

function upload(file: File): Promise<void> {
  const progress = el('progress', {
    max: String(file.size || 1),
    value: '0',
    'aria-label': `Uploading ${file.name}`,
  }) as HTMLProgressElement;
  const status = el('span', { class: 'upload-status' }, 'Uploading…');
  const row = el('li', { 'data-file': file.name });
  row.append(el('span', { class: 'name' }, file.name), progress, status);
  pageElement('upload-progress').append(row);

  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/publish/uploads?name=${encodeURIComponent(file.name)}`);
    request.setRequestHeader('accept', 'application/json');
    request.upload.addEventListener('progress', (event) => (progress.value = event.loaded));
    request.addEventListener('load', () => {
      const body = parse(request.responseText) as {
        upload?: StagedUpload;
        error?: { message: string };
      };
      if (request.status === 201 && body.upload) {
        progress.value = progress.max;
        status.textContent = 'Uploaded';
        offerAndChoose('uploads', fromUpload(body.upload, URL.createObjectURL(file)));
      } else {
        fail(body.error?.message ?? `The upload was refused (${request.status}).`);
      }
      resolve();
    });
    request.addEventListener('error', () => {
      fail('The connection to the server was lost; try again.');
      resolve();
    });
    request.send(file);
  });

  function fail(message: string) {
    status.textContent = message;
    row.classList.add('problem');
    row.setAttribute('role', 'alert');
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
