import { BASIC_SCOPE, SCOPE_DESCRIPTIONS, type InstagramScope } from './scopes.ts';
import type { Account } from '../core/store.ts';

export interface ConsentView {
  appName: string;
  /** Where the form posts: the authorize path the page was asked on. */
  action: string;
  /** The original authorize parameters, carried in hidden fields. */
  params: [string, string][];
  accounts: Account[];
  selected: Account;
  scopes: InstagramScope[];
}

/** The authorize window: pick an account, read the permissions, Allow or Deny. A plain form, no script. */
export function consentPage(view: ConsentView): string {
  const title = `Allow ${view.appName} to access your Instagram account?`;
  return page(
    title,
    `<form method="post" action="${escapeHtml(view.action)}">
${view.params.map(([name, value]) => `  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n')}
  <h1>${escapeHtml(title)}</h1>
  <fieldset>
    <legend>Continue as</legend>
${view.accounts.map((account) => accountChoice(account, account === view.selected)).join('\n')}
  </fieldset>
  <h2>This lets ${escapeHtml(view.appName)}:</h2>
  <ul id="scopes">
${view.scopes.map(scopeItem).join('\n')}
  </ul>
  <p class="buttons">
    <button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </p>
  <p class="note">Instagram Graph API emulator: no password, nothing leaves this machine.</p>
</form>`,
  );
}

/** What the authorize window shows when it cannot safely redirect back (bad app or redirect URI). */
export function errorPage(message: string): string {
  return page(
    'Invalid Request',
    `<h1>Invalid Request</h1>\n<p id="error">Request parameters are invalid: ${escapeHtml(message)}</p>`,
  );
}

/** A permission; all but the basic one can be turned off, as Instagram's consent screen allows. */
function scopeItem(scope: InstagramScope): string {
  const text = `${escapeHtml(SCOPE_DESCRIPTIONS[scope])} <code>${scope}</code>`;
  if (scope === BASIC_SCOPE) return `    <li data-scope="${scope}">${text}</li>`;
  const id = `decline-${scope}`;
  return `    <li data-scope="${scope}">${text}
      <input type="checkbox" name="decline" id="${id}" value="${scope}"> <label for="${id}">Don't allow: ${escapeHtml(SCOPE_DESCRIPTIONS[scope])}</label></li>`;
}

function accountChoice(account: Account, checked: boolean): string {
  const id = `account-${account.userId}`;
  return `    <p><input type="radio" name="account" id="${id}" value="${account.userId}"${checked ? ' checked' : ''}>
      <label for="${id}">@${escapeHtml(account.seed.username)} <span>${escapeHtml(account.seed.name)}</span></label></p>`;
}

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Instagram</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; background: #fafafa; color: #262626; margin: 0; }
  main { max-width: 28rem; margin: 3rem auto; padding: 1.5rem 2rem; background: #fff; border: 1px solid #dbdbdb; border-radius: 8px; }
  h1 { font-size: 1.2rem; } h2 { font-size: 1rem; } fieldset { border: 0; padding: 0; } code { color: #737373; font-size: 0.8rem; }
  label span, .note { color: #737373; } .buttons { display: flex; gap: 0.5rem; }
  button { flex: 1; padding: 0.6rem; border-radius: 8px; border: 1px solid #dbdbdb; background: #fff; font-weight: 600; cursor: pointer; }
  button[value="allow"] { background: #0095f6; border-color: #0095f6; color: #fff; }
</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
