// The page's own script. It is a file, not inline: the page's CSP allows scripts from its origin only.
// <policy-consent> is defined by element/index.mjs, which the page loads before this module.

const SESSION = 'policy-versions-example:session';

const api = document.querySelector('meta[name="policy-versions-api"]').content.replace(/\/+$/, '');
const consent = document.querySelector('policy-consent');
const form = document.getElementById('sign-in');
const account = document.getElementById('account');
const message = document.getElementById('message');

consent.setAttribute('api', api);

/** Shows the form or the account, and hands the element the user's JWT (null signs it out: it shows nothing). */
function show(session) {
  form.hidden = Boolean(session);
  account.hidden = !session;
  document.getElementById('username').textContent = session ? session.username : '';
  consent.getToken = session ? () => session.jwt : null;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  message.textContent = '';
  const fields = new FormData(form);
  try {
    // Strapi's users-permissions sign-in: the answer's JWT is what the element sends as the bearer token.
    const response = await fetch(`${api}/api/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: fields.get('identifier'), password: fields.get('password') }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer?.error?.message ?? `HTTP ${response.status}`);
    const session = { jwt: answer.jwt, username: answer.user.username };
    // sessionStorage keeps the session across reloads of this tab only.
    sessionStorage.setItem(SESSION, JSON.stringify(session));
    form.reset();
    show(session);
    // The form is gone: the focus goes to what replaced it, where the dialog will return it when it closes.
    document.getElementById('account-title').focus();
  } catch (error) {
    message.textContent = `Не удалось войти: ${error.message}`;
  }
});

document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(SESSION);
  message.textContent = '';
  show(null);
});

// Asks the server again (after the consent was withdrawn elsewhere, say).
document.getElementById('check').addEventListener('click', () => consent.refresh());

consent.addEventListener('policy-consent:accepted', (event) => {
  const { data, meta } = event.detail;
  message.textContent = `Принята редакция ${data.version} (${data.locale}); квитанция ${meta.receipt.consentReceiptID}`;
});

show(JSON.parse(sessionStorage.getItem(SESSION) ?? 'null'));
