import type { StateCheck } from './oauth-state.ts';

/** Why a callback's state was refused, in the words of the login it came back from. */
export function stateProblem(
  check: Exclude<StateCheck, 'ok'>,
  from: 'Instagram' | 'Facebook',
): string {
  const problems: Record<Exclude<StateCheck, 'ok'>, string> = {
    missing: `The answer from ${from} has no state.`,
    malformed: `The state in the answer from ${from} is not one this site made.`,
    bad_signature: `The state in the answer from ${from} was altered or belongs to another session.`,
    expired: 'The connection took longer than 10 minutes.',
    not_pending: 'This connection was already completed or cancelled.',
  };
  return problems[check];
}

/** A small page for a callback that cannot go back to /admin with a notice. */
export function problemPage(status: number, title: string, message: string): Response {
  const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p><p><a href="/admin">Back to the admin</a></p></body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
