/**
 * /admin/moderation with JavaScript: Approve/Reject selected and the `a`/`r` keys on the focused
 * photo go through the JSON API, the photos leave the grid, the waiting counts (the event's
 * heading and the admin navigation) go down with them, and Undo restores the last action.
 */
import { required } from './required.ts';

type Action = 'approve' | 'reject';
interface Outcome {
  eventId: string;
  photos: { name: string; from: string; to: string }[];
}

const undoBar = required(
  document.querySelector<HTMLElement>('#moderation-undo'),
  '#moderation-undo',
);
let last: Outcome | undefined;

for (const form of document.querySelectorAll<HTMLFormElement>('section.event form')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const action = (event.submitter as HTMLButtonElement | null)?.value as Action;
    const names = [...form.querySelectorAll<HTMLInputElement>('input[name="names"]:checked')].map(
      (box) => box.value,
    );
    if (names.length > 0) void decide(form, action, names);
  });
  form.addEventListener('keydown', (event) => {
    const name = (event.target as HTMLElement).closest<HTMLElement>('li.photo')?.dataset.name;
    if (!name || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = ({ a: 'approve', r: 'reject' } as const)[event.key.toLowerCase() as 'a' | 'r'];
    if (!action) return;
    event.preventDefault();
    void decide(form, action, [name]);
  });
}

undoButton().addEventListener('click', () => void undo());

async function decide(form: HTMLFormElement, action: Action, names: string[]): Promise<void> {
  const eventId = (form.elements.namedItem('event') as HTMLInputElement).value;
  const outcome = await send({ action, event: eventId, names });
  if (!outcome) return;
  const items = names.flatMap(
    (name) => form.querySelector<HTMLElement>(`li.photo[data-name="${CSS.escape(name)}"]`) ?? [],
  );
  const next = nextFocus(items);
  for (const item of items) item.remove();
  updateCounts(form, items.length);
  next?.focus();
  last = outcome;
  const count = names.length === 1 ? '1 photo' : `${names.length} photos`;
  showUndo(`${action === 'approve' ? 'Approved' : 'Rejected'} ${count}.`);
}

async function undo(): Promise<void> {
  if (!last) return;
  const outcome = await send({
    action: 'undo',
    event: last.eventId,
    photos: last.photos.map(({ name, from }) => ({ name, from })),
  });
  if (outcome) location.reload();
}

async function send(body: unknown): Promise<Outcome | undefined> {
  const response = await fetch('/api/admin/moderation', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => ({}))) as {
    outcome?: Outcome;
    error?: { message: string };
  };
  if (!response.ok || !answer.outcome) {
    showUndo(answer.error?.message ?? 'That did not work. Reload the page and try again.', false);
    return undefined;
  }
  return answer.outcome;
}

function showUndo(message: string, canUndo = true): void {
  undoBar.hidden = false;
  required(undoBar.querySelector('.message'), 'undo message').textContent = message;
  undoButton().hidden = !canUndo;
}

function undoButton(): HTMLButtonElement {
  return required(undoBar.querySelector('button'), 'undo button');
}

/** The event's "(n waiting)" from the photos left in its grid; the navigation's count less `removed`. */
function updateCounts(form: HTMLFormElement, removed: number): void {
  const section = form.closest('section.event');
  const count = section?.querySelector<HTMLElement>('[data-waiting]');
  const left = form.querySelectorAll('li.photo').length;
  if (count) count.textContent = String(left);
  const actions = form.querySelector<HTMLElement>('.actions');
  if (actions) actions.hidden = left === 0;
  const nav = document.querySelector<HTMLElement>('[data-waiting-count]');
  if (nav) {
    const total = Math.max(0, Number(nav.dataset.waitingCount) - removed);
    nav.dataset.waitingCount = String(total);
    nav.textContent = `(${total})`;
  }
  if (document.querySelectorAll('li.photo').length === 0)
    required(document.querySelector<HTMLElement>('#nothing-pending'), '#nothing-pending').hidden =
      false;
}

/** The photo after the last one decided on (or before the first), so the keyboard flow goes on. */
function nextFocus(items: HTMLElement[]): HTMLElement | null {
  const all = [...document.querySelectorAll<HTMLElement>('li.photo')];
  const remaining = all.filter((item) => !items.includes(item));
  const lastDecided = items.at(-1);
  const from = lastDecided ? all.indexOf(lastDecided) + 1 : 0;
  const after = all.slice(from).find((item) => remaining.includes(item));
  return after ?? remaining.at(-1) ?? null;
}
