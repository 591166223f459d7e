import type { Account } from '../core/store.ts';

/** One permission on the consent page; a required one cannot be turned off. */
export interface ConsentScope {
  scope: string;
  description: string;
  required: boolean;
}

export interface ConsentView {
  appName: string;
  /** Where the form posts: the authorize path the page was asked on. */
  action: string;
  /** The original authorize parameters, carried in hidden fields. */
  params: [string, string][];
  accounts: Account[];
  selected: Account;
  scopes: ConsentScope[];
  /** Default Instagram Login's: the account is the Instagram one; Facebook Login's is the Page. */
  brand?: 'Instagram' | 'Facebook';
}

/** The authorize window: pick an account, read the permissions, Allow or Deny. A plain form, no script. */
export function consentPage(view: ConsentView): string {
  const brand = view.brand ?? 'Instagram';
  const title =
    brand === 'Instagram'
      ? `Allow ${view.appName} to access your Instagram account?`
      : `Allow ${view.appName} to access your Facebook Pages and their Instagram accounts?`;
  const choice = brand === 'Instagram' ? accountChoice : pageChoice;
  return page(
    brand,
    title,
    `<form method="post" action="${escapeHtml(view.action)}">
${view.params.map(([name, value]) => `  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n')}
  <h1>${escapeHtml(title)}</h1>
  <fieldset>
    <legend>Continue as</legend>
${view.accounts.map((account) => choice(account, account === view.selected)).join('\n')}
  </fieldset>
  <h2>This lets ${escapeHtml(view.appName)}:</h2>
  <ul id="scopes">
${view.scopes.map(scopeItem).join('\n')}
  </ul>
  <p class="buttons">
    <button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Deny</button>
  </p>
  <p class="note">${brand} Graph API emulator: no password, nothing leaves this machine.</p>
</form>`,
  );
}

/** What the authorize window shows when it cannot safely redirect back (bad app or redirect URI). */
export function errorPage(message: string): string {
  return page(
    'Instagram',
    'Invalid Request',
    `<h1>Invalid Request</h1>\n<p id="error">Request parameters are invalid: ${escapeHtml(message)}</p>`,
  );
}

/** A permission; all but the required ones can be turned off, as the consent screens allow. */
function scopeItem({ scope, description, required }: ConsentScope): string {
  const text = `${escapeHtml(description)} <code>${scope}</code>`;
  if (required) return `    <li data-scope="${scope}">${text}</li>`;
  const id = `decline-${scope}`;
  return `    <li data-scope="${scope}">${text}
      <input type="checkbox" name="decline" id="${id}" value="${scope}"> <label for="${id}">Don't allow: ${escapeHtml(description)}</label></li>`;
}

function accountChoice(account: Account, checked: boolean): string {
  const id = `account-${account.userId}`;
  return `    <p><input type="radio" name="account" id="${id}" value="${account.userId}"${checked ? ' checked' : ''}>
      <label for="${id}">@${escapeHtml(account.seed.username)} <span>${escapeHtml(account.seed.name)}</span></label></p>`;
}

/** Facebook Login picks the Page; the Instagram account linked to it comes along. */
function pageChoice(account: Account, checked: boolean): string {
  const id = `account-${account.userId}`;
  return `    <p><input type="radio" name="account" id="${id}" value="${account.userId}"${checked ? ' checked' : ''}>
      <label for="${id}">${escapeHtml(account.facebook.pageName)} <span>@${escapeHtml(account.seed.username)}</span></label></p>`;
}

function page(brand: string, title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${brand}</title>
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
