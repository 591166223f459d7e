import { required } from '../required.ts';
import { zonedTime } from './candidates.ts';
import { byId, el, eventTimeZone, getJson, pageElement } from './dom.ts';

/** A publish job as the API returns it (the fields this page shows). */
export interface Job {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'published' | 'failed';
  phase: string;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
  progress: { completed: number; total: number };
  mediaId?: string;
  permalink?: string;
  error?: { message: string; remedy: string; userMessage?: string };
  quota?: { used: number; total: number; durationSeconds: number };
}

const PHASES: Record<string, string> = {
  queued: 'Queued',
  creating_containers: 'Creating containers',
  processing_videos: 'Processing videos',
  creating_carousel: 'Creating the carousel',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
};

let polling: ReturnType<typeof setTimeout> | undefined;
let currentJob: string | undefined;
const shownListeners = new Set<(job: Job) => void>();

/** Calls `listener` with every job state the live region shows. */
export function onJobShown(listener: (job: Job) => void): void {
  shownListeners.add(listener);
}

/** Shows a job's phase, progress and outcome in the live region. */
export function showJob(job: Job): void {
  pageElement('job').hidden = false;
  const { completed, total } = job.progress;
  pageElement('job-status').textContent =
    `${PHASES[job.phase] ?? job.phase}: ${completed} of ${total}`;
  const progress = pageElement<HTMLProgressElement>('job-progress');
  progress.max = Math.max(total, 1);
  progress.value = completed;
  const result = pageElement('job-result');
  result.replaceChildren();
  if (job.status === 'published') {
    if (job.permalink)
      result.append(
        el('a', { href: job.permalink, rel: 'noopener', target: '_blank' }, 'View on Instagram'),
        ' ',
      );
    if (job.mediaId) result.append(`Media id ${job.mediaId}`);
  }
  pageElement('job-quota').textContent = job.quota
    ? `Publishing quota: ${job.quota.used} of ${job.quota.total} posts used in the last ${job.quota.durationSeconds / 3600} hours (before this one).`
    : '';
  const failed = job.status === 'failed';
  pageElement('job-error').hidden = !failed;
  if (failed) {
    pageElement('job-error-message').textContent =
      job.error?.userMessage ?? job.error?.message ?? 'Publishing failed.';
    pageElement('job-error-remedy').textContent = job.error?.remedy ?? '';
  }
  for (const listener of shownListeners) listener(job);
}

/** Follows a job once a second until it ends, then refreshes the history. */
export async function follow(id: string): Promise<void> {
  currentJob = id;
  clearTimeout(polling);
  try {
    const body = await getJson<{ job: Job }>(`/api/publish/${encodeURIComponent(id)}`);
    if (currentJob !== id) return;
    if (body) {
      showJob(body.job);
      if (body.job.status === 'published' || body.job.status === 'failed')
        return void loadHistory();
    }
  } catch {
    // a network hiccup: try again on the next tick
  }
  if (currentJob === id) polling = setTimeout(() => void follow(id), 1000);
}

async function retry(id: string): Promise<void> {
  const response = await fetch(`/api/publish/${encodeURIComponent(id)}/retry`, {
    method: 'POST',
    headers: { accept: 'application/json' },
  });
  const body = (await response.json().catch(() => ({}))) as {
    job?: Job;
    error?: { message: string };
  };
  if (!response.ok) {
    pageElement('job').hidden = false;
    pageElement('job-status').textContent =
      body.error?.message ?? `Retry refused (${response.status}).`;
    return;
  }
  if (body.job) showJob(body.job);
  void follow(id);
  void loadHistory();
}

/** The 20 newest jobs, with Retry on failed ones. */
export async function loadHistory(): Promise<void> {
  const body = await getJson<{ jobs: Job[] }>('/api/publish');
  if (!body) return;
  const table = pageElement('history');
  required(table.querySelector('tbody'), '#history tbody').replaceChildren(
    ...body.jobs.slice(0, 20).map(historyRow),
  );
  table.hidden = body.jobs.length === 0;
  pageElement('history-empty').hidden = body.jobs.length > 0;
}

function historyRow(job: Job): HTMLElement {
  const row = el('tr', { 'data-job': job.id, 'data-status': job.status });
  const created = el('td');
  created.append(
    el('time', { datetime: job.createdAt }, zonedTime(job.createdAt, eventTimeZone())),
  );
  row.append(
    created,
    el('td', {}, job.kind),
    el('td', {}, PHASES[job.status] ?? (job.status === 'running' ? 'Running' : job.status)),
  );
  const post = el('td');
  if (job.permalink)
    post.append(el('a', { href: job.permalink, rel: 'noopener', target: '_blank' }, 'Permalink'));
  const actions = el('td');
  if (job.status === 'failed') {
    const button = el('button', { type: 'button', class: 'secondary' }, 'Retry');
    button.addEventListener('click', () => void retry(job.id));
    actions.append(button);
  }
  row.append(post, actions);
  return row;
}

export function startJobView(): void {
  byId('job-retry')?.addEventListener('click', () => currentJob && void retry(currentJob));
  void loadHistory();
}
