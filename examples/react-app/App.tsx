/**
 * A small app over strapi-plugin-policy-versions/react: sign in with Strapi's users-permissions, then the
 * privacy policy's consent in the app's own markup. The same component renders on the server (server.tsx) and
 * hydrates in the browser (main.tsx), from the same props.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { createClient } from 'strapi-plugin-policy-versions/client';
import {
  PolicyConsent,
  PolicyVersionsProvider,
  useConsentStatus,
  usePolicy,
  type ConsentSnapshot,
  type ConsentView,
  type CurrentAnswer,
} from 'strapi-plugin-policy-versions/react';

export const POLICY = 'privacy';
export const LOCALES = ['ru', 'kk', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Session {
  jwt: string;
  username: string;
}

/** What the server loaded for the page; main.tsx hydrates with exactly these props. */
export interface AppProps {
  strapiUrl: string;
  session: Session | null;
  locale: Locale;
  /** From prefetchConsent, when the server knew the session. */
  snapshot?: ConsentSnapshot;
  /** `client.current(POLICY, { locale })`, for the footer. */
  policy?: CurrentAnswer;
}

export const SESSION_COOKIE = 'pv_example_session';

/** The session as the cookie holds it (the SSR server reads the same cookie to prefetch). */
export function readSession(cookieHeader: string): Session | null {
  const raw = cookieHeader
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  if (!raw) return null;
  try {
    const value = JSON.parse(decodeURIComponent(raw.slice(SESSION_COOKIE.length + 1))) as Partial<Session>;
    return typeof value.jwt === 'string' && typeof value.username === 'string' ? { jwt: value.jwt, username: value.username } : null;
  } catch {
    return null;
  }
}

function keepSession(session: Session | null) {
  const value = session ? encodeURIComponent(JSON.stringify(session)) : '';
  document.cookie = `${SESSION_COOKIE}=${value}; path=/; SameSite=Lax${session ? '' : '; max-age=0'}`;
}

const LABELS = {
  ru: { accept: 'Принимаю', changed: 'Пока вы читали, вступила в силу новая редакция. Прочитайте её и примите снова.', diff: 'Что изменилось', pending: 'Новая редакция вступит в силу', review: 'Прочитать сейчас', later: 'Позже', settled: 'Вам нечего принимать.', thanks: 'Согласие записано.', retry: 'Повторить', loading: 'Загрузка…', purposes: 'Цели обработки' },
  kk: { accept: 'Қабылдаймын', changed: 'Сіз оқып жатқанда жаңа редакция күшіне енді. Оны оқып, қайта қабылдаңыз.', diff: 'Не өзгерді', pending: 'Жаңа редакция күшіне енеді', review: 'Қазір оқу', later: 'Кейінірек', settled: 'Қабылдайтын ештеңе жоқ.', thanks: 'Келісім жазылды.', retry: 'Қайталау', loading: 'Жүктелуде…', purposes: 'Өңдеу мақсаттары' },
  en: { accept: 'I accept', changed: 'A new version took effect while you were reading. Please read it and accept again.', diff: 'What changed', pending: 'A new version takes effect on', review: 'Read it now', later: 'Later', settled: 'Nothing to accept.', thanks: 'Your consent is recorded.', retry: 'Try again', loading: 'Loading…', purposes: 'Purposes' },
} satisfies Record<Locale, Record<string, string>>;

// Dates as ISO days: a locale-formatted date could differ between the server's zone and the browser's and break hydration.
const day = (iso: string) => iso.slice(0, 10);

function SignIn({ strapiUrl, onSignedIn }: { strapiUrl: string; onSignedIn: (session: Session) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`${strapiUrl.replace(/\/+$/, '')}/api/auth/local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: form.get('identifier'), password: form.get('password') }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? `Sign-in answered ${response.status}`);
      onSignedIn({ jwt: body.jwt, username: body.user.username });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  }

  return (
    <form className="sign-in" onSubmit={submit} data-testid="sign-in">
      <label>
        Email or username <input name="identifier" autoComplete="username" required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={busy}>
        Sign in
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function ConsentPanel({ consent, locale }: { consent: ConsentView; locale: Locale }) {
  const t = LABELS[locale];
  switch (consent.phase) {
    case 'idle':
    case 'loading':
      return <p data-testid="consent-loading">{t.loading}</p>;
    case 'signed-out':
      return <p data-testid="consent-signed-out">Your session has expired: sign out and in again.</p>;
    case 'error':
      return (
        <p role="alert" data-testid="consent-error">
          {consent.error?.message} <button onClick={() => void consent.refresh()}>{t.retry}</button>
        </p>
      );
    case 'accepted':
      return (
        <p data-testid="consent-accepted" data-record={consent.accepted?.data.id}>
          {t.thanks}
        </p>
      );
    case 'settled':
      return (
        <div data-testid="consent-settled">
          <p>{t.settled}</p>
          {consent.pending && (
            <aside data-testid="consent-pending">
              {t.pending} {day(consent.pending.effectiveAt)}.{' '}
              <button onClick={() => void consent.reviewPending()}>{t.review}</button>
              <button onClick={consent.dismissPending}>{t.later}</button>
            </aside>
          )}
        </div>
      );
    case 'asking':
    case 'accepting': {
      const policy = consent.policy;
      if (!policy) return null;
      return (
        <article data-testid="consent-asking" data-version={policy.version} lang={policy.locale}>
          {consent.changed && (
            <p role="status" data-testid="consent-changed">
              {t.changed}
            </p>
          )}
          {consent.error && !consent.changed && <p role="alert">{consent.error.message}</p>}
          <h2 data-testid="policy-title">{policy.title}</h2>
          {consent.diffHtml && (
            <details open data-testid="consent-diff">
              <summary>{t.diff}</summary>
              <div dangerouslySetInnerHTML={{ __html: consent.diffHtml }} />
            </details>
          )}
          <div className="policy-text" data-testid="policy-text" dangerouslySetInnerHTML={{ __html: policy.html }} />
          {policy.consent?.purposes?.length ? (
            <fieldset>
              <legend>{t.purposes}</legend>
              {policy.consent.purposes.map((purpose) => (
                <label key={purpose.id}>
                  <input
                    type="checkbox"
                    name={`purpose-${purpose.id}`}
                    checked={consent.purposes[purpose.id] ?? false}
                    disabled={purpose.required}
                    onChange={(event) => consent.setPurpose(purpose.id, event.target.checked)}
                  />
                  {purpose.title[locale] ?? purpose.title.ru}
                </label>
              ))}
            </fieldset>
          ) : null}
          <button data-testid="accept" disabled={consent.phase === 'accepting'} onClick={() => void consent.accept()}>
            {t.accept}
          </button>
        </article>
      );
    }
  }
}

/** A line naming the version in force and where the user's consent stands, from the two hooks. */
function Footer({ locale, snapshot, policy, phase }: Pick<AppProps, 'locale' | 'snapshot' | 'policy'> & { phase: ConsentView['phase'] }) {
  const current = usePolicy(POLICY, { locale, initial: policy });
  const { status, refresh } = useConsentStatus(POLICY, { initial: snapshot?.status ?? undefined });
  // The status changes with an acceptance made by the flow above.
  useEffect(() => {
    if (phase === 'accepted') void refresh();
  }, [phase, refresh]);
  return (
    <footer data-testid="footer">
      {current.data ? `${current.data.title}, v${current.data.version}, in force since ${day(current.data.effectiveAt)}` : '…'}
      {' · '}
      <span data-testid="footer-status">{status ? (status.mustAccept ? 'consent needed' : `accepted v${status.acceptedVersion}`) : '…'}</span>
    </footer>
  );
}

export function App({ strapiUrl, session: signedIn, locale: firstLocale, snapshot, policy }: AppProps) {
  const [session, setSession] = useState(signedIn);
  const [locale, setLocale] = useState<Locale>(firstLocale);
  // A client per session: its JWT is the signed-in user's, and a new one starts the consent flow afresh.
  const client = useMemo(() => createClient({ baseUrl: strapiUrl, getToken: () => session?.jwt }), [strapiUrl, session]);

  // What the server loaded is for the session it rendered; a sign-in in the browser starts afresh.
  const prefetched = session === signedIn ? snapshot : undefined;

  const signIn = (next: Session) => {
    keepSession(next);
    setSession(next);
  };
  const signOut = () => {
    keepSession(null);
    setSession(null);
  };

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <PolicyVersionsProvider client={client}>
      <header>
        <nav aria-label="Language" data-testid="languages">
          {LOCALES.map((code) => (
            <button key={code} aria-pressed={code === locale} data-locale={code} onClick={() => setLocale(code)}>
              {code.toUpperCase()}
            </button>
          ))}
        </nav>
        {session && (
          <span>
            {session.username} <button onClick={signOut}>Sign out</button>
          </span>
        )}
      </header>
      <main>
        {session ? (
          <PolicyConsent policy={POLICY} locale={locale} source="react-example" initial={prefetched}>
            {(consent) => (
              <>
                <ConsentPanel consent={consent} locale={locale} />
                <Footer locale={locale} snapshot={prefetched} policy={policy} phase={consent.phase} />
              </>
            )}
          </PolicyConsent>
        ) : (
          <SignIn strapiUrl={strapiUrl} onSignedIn={signIn} />
        )}
      </main>
    </PolicyVersionsProvider>
  );
}
