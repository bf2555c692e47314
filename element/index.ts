/**
 * <policy-consent>: a framework-free view of the shared consent flow (client/consent-flow.ts). It asks the
 * signed-in user to accept a policy when the server says they must, in a modal dialog with the text in their
 * language, what changed since the version they accepted, and the version's purposes; it warns ahead of a
 * scheduled material change. Shadow DOM, styled through a constructable stylesheet (strict-CSP safe), themable
 * with ::part() and --policy-consent-* custom properties. Importing it in Node does nothing (docs/element.md).
 */
import { createClient, type AcceptAnswer, type PolicyText } from '../client';
import { createConsentFlow, type ConsentFlow, type ConsentFlowState } from '../client/consent-flow';
import { deepActiveElement, focusables, h, serverHtml } from './dom';
import { styleSheet } from './styles';
import { formatDate, LANGUAGE_NAMES, TEXTS, UI_LOCALES, uiLocale, type Texts, type UiLocale } from './texts';

export type { ConsentFlowState, ConsentPhase } from '../client/consent-flow';
export type { AcceptAnswer, PolicyText, PolicyVersionsError } from '../client';
export { uiLocale } from './texts';

/** The events the element dispatches on itself; they bubble and cross shadow roots. */
export const POLICY_CONSENT_EVENTS = {
  /** Every change of the flow's state; detail: ConsentFlowState. */
  state: 'policy-consent:state',
  /** An acceptance was recorded; detail: the accept answer (`data` the ledger record, `meta.receipt`, `meta.receiptJws`). */
  accepted: 'policy-consent:accepted',
  /** Accept answered 409: another version is in force now and is shown to be read again; detail: { policy }. */
  changed: 'policy-consent:changed',
} as const;

export interface PolicyConsentChangedDetail {
  /** The version now shown, in force since the user opened the dialog. */
  policy: PolicyText;
}

export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

// Without a DOM (server rendering, tests in Node) the class still has to be definable: it extends a stand-in.
const Base = typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

// Attributes that make it another flow: a policy, a server, a caller or a source of its own.
const RESTARTING = ['policy', 'api', 'token', 'source'];

type Ui = ReturnType<typeof build>;

interface Handlers {
  locale(locale: UiLocale): void;
  purpose(id: string, given: boolean): void;
  accept(): void;
  read(): void;
  later(): void;
  retry(): void;
  keydown(event: KeyboardEvent): void;
}

export class PolicyConsentElement extends Base {
  static readonly observedAttributes = [...RESTARTING, 'locale'];

  #ui: Ui | null = null;
  #flow: ConsentFlow | null = null;
  #unsubscribe: (() => void) | null = null;
  #getToken: TokenGetter | null = null;
  #shown: ConsentFlowState | null = null;
  #shownLocale: UiLocale | null = null;
  #returnFocus: HTMLElement | null = null;
  #restartQueued = false;

  /** The users-permissions JWT of the signed-in user, asked for before each request (it may be refreshed). */
  get getToken(): TokenGetter | null {
    return this.#getToken;
  }

  set getToken(value: TokenGetter | null) {
    this.#getToken = value ?? null;
    this.#queueRestart();
  }

  /** The JWT as an attribute, for simple pages; `getToken` wins when both are set. */
  get token(): string | null {
    return this.getAttribute('token');
  }

  set token(value: string | null) {
    if (value) this.setAttribute('token', value);
    else this.removeAttribute('token');
  }

  /** The flow's state (null before the element has a policy and a server). */
  get state(): ConsentFlowState | null {
    return this.#flow?.state ?? null;
  }

  /** Asks the server again where the user's consent stands (after a sign-in the page handled itself, say). */
  async refresh(): Promise<void> {
    if (this.#flow && this.#signedIn()) await this.#flow.start();
  }

  connectedCallback(): void {
    // A property set before the element was defined sits on the instance and hides the accessor: move it over.
    for (const name of ['getToken', 'token'] as const) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const own = this as unknown as Record<string, unknown>;
        const value = own[name];
        delete own[name];
        own[name] = value;
      }
    }
    if (!this.#ui) {
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [styleSheet()];
      this.#ui = build(root, this.#handlers);
    }
    this.#queueRestart();
  }

  disconnectedCallback(): void {
    this.#stop();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected) return;
    if (name !== 'locale') return this.#queueRestart();
    const locale = this.#locale();
    if (this.#flow && this.#flow.state.locale !== locale) void this.#flow.setLocale(locale);
  }

  #locale(): UiLocale {
    return uiLocale(this.getAttribute('locale')) ?? uiLocale(document.documentElement.lang) ?? 'ru';
  }

  #signedIn(): boolean {
    return this.#getToken !== null || this.hasAttribute('token');
  }

  // Attributes arrive one by one (and before connectedCallback when parsed): one restart for all of them.
  #queueRestart(): void {
    if (this.#restartQueued || !this.isConnected) return;
    this.#restartQueued = true;
    queueMicrotask(() => {
      this.#restartQueued = false;
      if (this.isConnected) this.#restart();
    });
  }

  #restart(): void {
    const locale = this.#flow?.state.locale ?? this.#locale();
    this.#stop();
    const api = this.getAttribute('api');
    const policy = this.getAttribute('policy');
    // Without credentials nothing is asked: the server would only answer 403 for a signed-out visitor.
    if (!api || !policy || !this.#signedIn()) return;
    const client = createClient({ baseUrl: api, getToken: () => (this.#getToken ? this.#getToken() : this.getAttribute('token')) });
    const flow = createConsentFlow({ client, policy, locale, source: this.getAttribute('source') ?? undefined });
    this.#flow = flow;
    this.#unsubscribe = flow.subscribe((state) => this.#render(state));
    void flow.start();
  }

  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#flow = null;
    this.#render(null);
  }

  #handlers: Handlers = {
    locale: (locale: UiLocale) => void this.#flow?.setLocale(locale),
    purpose: (id: string, given: boolean) => this.#flow?.setPurpose(id, given),
    accept: () => void this.#flow?.accept(),
    read: () => void this.#flow?.reviewPending(),
    later: () => this.#flow?.dismissPending(),
    retry: () => {
      const flow = this.#flow;
      if (!flow) return;
      const { phase, policy, locale } = flow.state;
      // A failed acceptance is sent again; a text that failed to load is loaded again; else the status is.
      if (phase === 'asking') void flow.accept();
      else if (phase === 'error' && policy) void flow.setLocale(locale);
      else void flow.start();
    },
    keydown: (event: KeyboardEvent) => this.#keydown(event),
  };

  #keydown(event: KeyboardEvent): void {
    const ui = this.#ui;
    if (!ui) return;
    if (event.key === 'Escape') {
      // Escape does not dismiss a required consent: the service cannot be used without it, and a dismissed
      // dialog would only come back at the next check. Reading a scheduled version early is optional: it closes.
      event.preventDefault();
      if (isEarly(this.#shown)) this.#flow?.dismissPending();
      return;
    }
    if (event.key !== 'Tab') return;
    // Focus stays in the modal dialog: Tab from the last control goes to the first, Shift+Tab the other way.
    const items = focusables(ui.dialog);
    if (items.length === 0) return;
    const index = items.indexOf(ui.root.activeElement as HTMLElement);
    const last = items.length - 1;
    const next = event.shiftKey ? (index <= 0 ? last : index - 1) : index === last ? 0 : index + 1;
    event.preventDefault();
    items[next].focus();
  }

  #render(state: ConsentFlowState | null): void {
    const ui = this.#ui;
    if (!ui) return;
    const previous = this.#shown;
    const previousLocale = this.#shownLocale;
    const locale = uiLocale(state?.locale) ?? this.#locale();
    const t = TEXTS[locale];
    this.#shown = state;
    this.#shownLocale = locale;
    const open = isOpen(state);
    const wasOpen = isOpen(previous);
    const policy = state?.policy ?? null;
    // A 409 is not a failure to show: the flow replaced the text, and the changed notice says so.
    const error = state?.error && !(state.changed && state.error.status === 409) ? state.error : null;

    ui.dialog.lang = locale;
    ui.backdrop.hidden = !open;
    if (state && policy && open) {
      const early = isEarly(state);
      ui.title.textContent = policy.title;
      ui.meta.textContent = t.meta(policy.version, formatDate(policy.effectiveAt, locale));
      ui.intro.textContent = early ? t.early(formatDate(policy.effectiveAt, locale)) : t.intro[state.status?.reason ?? 'never-accepted'];
      ui.fallback.textContent = t.fallback;
      ui.fallback.hidden = !policy.fallback;
      ui.changed.textContent = t.changed;
      ui.changed.hidden = !state.changed;
      ui.dialog.setAttribute('aria-describedby', state.changed ? 'pc-intro pc-changed' : 'pc-intro');
      ui.languageGroup.setAttribute('aria-label', t.language);
      for (const [code, button] of ui.languages) button.setAttribute('aria-pressed', String(code === locale));
      ui.scroll.setAttribute('aria-label', t.textRegion);

      if (policy !== previous?.policy) {
        ui.body.replaceChildren(serverHtml(policy.html));
        ui.body.lang = policy.locale;
        ui.scroll.scrollTop = 0;
      }
      const busy = state.phase === 'loading' || (state.phase === 'asking' && policy.requestedLocale !== locale);
      ui.body.setAttribute('aria-busy', String(busy));
      ui.diffTitle.textContent = t.diff;
      ui.diff.hidden = !state.diffHtml;
      if (state.diffHtml && state.diffHtml !== previous?.diffHtml) ui.diffBody.replaceChildren(serverHtml(state.diffHtml));

      renderPurposes(ui, state, policy, t, locale, policy !== previous?.policy || locale !== previousLocale);

      ui.accept.textContent = state.phase === 'accepting' ? t.accepting : t.accept;
      // aria-disabled rather than disabled: a disabled button would drop the keyboard focus out of the dialog.
      ui.accept.setAttribute('aria-disabled', String(state.phase !== 'asking'));
      ui.close.textContent = t.later;
      ui.close.hidden = !early;
    }
    renderError(ui.dialogError, open ? error : null, t);

    const pending = !open && state?.pending ? state.pending : null;
    const failed = !open && state?.phase === 'error' ? error : null;
    ui.notice.hidden = !pending && !failed;
    ui.notice.lang = locale;
    ui.noticeText.hidden = !pending;
    if (pending) ui.noticeText.textContent = t.pending(formatDate(pending.effectiveAt, locale));
    ui.read.textContent = t.read;
    ui.read.setAttribute('aria-disabled', String(state?.phase === 'loading'));
    ui.later.textContent = t.later;
    ui.read.hidden = ui.later.hidden = !pending;
    renderError(ui.noticeError, failed, t);

    const status =
      state?.phase === 'accepting' ? t.accepting : state?.phase === 'accepted' ? t.accepted : open && ui.body.getAttribute('aria-busy') === 'true' ? t.loading : '';
    if (ui.status.textContent !== status) ui.status.textContent = status;

    this.#moveFocus(open, wasOpen, state, previous);
    if (state) this.#announce(state, previous);
  }

  #moveFocus(open: boolean, wasOpen: boolean, state: ConsentFlowState | null, previous: ConsentFlowState | null): void {
    const ui = this.#ui!;
    if (open && !wasOpen) {
      this.#returnFocus = deepActiveElement();
      ui.dialog.focus();
    } else if (open && state?.changed && state.policy !== previous?.policy) {
      // A new text to read from its start: the dialog is focused again, so its description (the notice) is read.
      ui.dialog.focus();
    } else if (!open && wasOpen) {
      const target = this.#returnFocus;
      this.#returnFocus = null;
      if (target?.isConnected && !target.closest('[hidden]')) target.focus();
    }
  }

  #announce(state: ConsentFlowState, previous: ConsentFlowState | null): void {
    const fire = (type: string, detail: unknown) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    fire(POLICY_CONSENT_EVENTS.state, state);
    if (state.phase === 'accepted' && previous?.phase !== 'accepted' && state.accepted) {
      fire(POLICY_CONSENT_EVENTS.accepted, state.accepted satisfies AcceptAnswer);
    }
    if (state.changed && state.policy && state.error !== previous?.error && state.error?.status === 409) {
      fire(POLICY_CONSENT_EVENTS.changed, { policy: state.policy } satisfies PolicyConsentChangedDetail);
    }
  }
}

const OPEN_PHASES = new Set(['asking', 'accepting', 'error', 'loading']);

/** The dialog shows while there is a text to decide on (kept through a reload of it, so it does not flicker). */
const isOpen = (state: ConsentFlowState | null) => !!state?.policy && OPEN_PHASES.has(state.phase);

/** The scheduled version read ahead of its date from the pending notice: nothing is due yet. */
const isEarly = (state: ConsentFlowState | null) => !!state?.status && !state.status.mustAccept;

function renderError(box: Ui['dialogError'], error: ConsentFlowState['error'], t: Texts): void {
  box.root.hidden = !error;
  box.text.textContent = error ? t.error(error.status) : '';
  box.retry.textContent = t.retry;
}

function renderPurposes(ui: Ui, state: ConsentFlowState, policy: PolicyText, t: Texts, locale: UiLocale, rebuild: boolean): void {
  const purposes = policy.consent?.purposes ?? [];
  ui.purposes.hidden = purposes.length === 0;
  ui.legend.textContent = t.purposes;
  if (rebuild) {
    ui.purposeList.replaceChildren(
      ...purposes.map((purpose) => {
        const input = h('input', { type: 'checkbox', name: `purpose-${purpose.id}`, 'data-purpose': purpose.id });
        input.disabled = purpose.required;
        const title = purpose.title[locale] ?? purpose.title[policy.locale] ?? Object.values(purpose.title)[0] ?? purpose.id;
        return h('label', { part: 'purpose' }, [input, h('span', {}, [purpose.required ? `${title} (${t.required})` : title])]);
      })
    );
  }
  for (const input of ui.purposeList.querySelectorAll('input')) input.checked = state.purposes[input.dataset.purpose!] === true;
}

/** The shadow tree, built once per element; the handlers are the element's, bound to its flow. */
function build(root: ShadowRoot, on: Handlers) {
  const button = (part: string, className = '') => h('button', { type: 'button', part, ...(className ? { class: className } : {}) });
  const errorBox = () => {
    const text = h('span');
    const retry = button('retry');
    retry.addEventListener('click', on.retry);
    return { root: h('div', { role: 'alert', part: 'error', class: 'error', hidden: true }, [text, retry]), text, retry };
  };

  const title = h('h2', { id: 'pc-title', part: 'title', class: 'title' });
  const meta = h('p', { part: 'meta', class: 'meta' });
  const intro = h('p', { id: 'pc-intro', part: 'intro', class: 'intro' });
  const fallback = h('p', { part: 'fallback', class: 'fallback' });
  const languages = new Map(
    UI_LOCALES.map((code) => {
      const choice = h('button', { type: 'button', lang: code, part: 'language-option' }, [LANGUAGE_NAMES[code]]);
      choice.addEventListener('click', () => on.locale(code));
      return [code, choice] as const;
    })
  );
  const languageGroup = h('div', { role: 'group', part: 'language', class: 'language' }, [...languages.values()]);
  const changed = h('p', { id: 'pc-changed', part: 'changed', class: 'changed', hidden: true });
  const diffTitle = h('h3', { id: 'pc-diff-title' });
  const diffBody = h('div');
  const diff = h('section', { part: 'diff', class: 'diff', 'aria-labelledby': 'pc-diff-title', hidden: true }, [diffTitle, diffBody]);
  const body = h('div', { part: 'body', class: 'body' });
  // Focusable, so the text can be scrolled with the keyboard.
  const scroll = h('div', { role: 'region', tabindex: '0', class: 'scroll', part: 'text' }, [diff, body]);
  const legend = h('legend');
  const purposeList = h('div');
  const purposes = h('fieldset', { part: 'purposes', hidden: true }, [legend, purposeList]);
  purposeList.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    on.purpose(input.dataset.purpose!, input.checked);
  });
  const dialogError = errorBox();
  const close = button('later', 'later');
  close.addEventListener('click', on.later);
  const accept = button('accept', 'accept');
  accept.addEventListener('click', on.accept);

  const dialog = h('div', { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'pc-title', tabindex: '-1', part: 'dialog', class: 'dialog' }, [
    h('div', { class: 'head' }, [h('div', {}, [title, meta]), languageGroup]),
    intro,
    fallback,
    changed,
    scroll,
    purposes,
    dialogError.root,
    h('div', { class: 'foot', part: 'actions' }, [close, accept]),
  ]);
  dialog.addEventListener('keydown', on.keydown);
  const backdrop = h('div', { part: 'backdrop', class: 'backdrop', hidden: true }, [dialog]);
  // A click beside the dialog would move the focus out of it, to the page behind.
  backdrop.addEventListener('mousedown', (event) => {
    if (event.target === backdrop) event.preventDefault();
  });

  const noticeText = h('p', { id: 'pc-notice-text' });
  const noticeError = errorBox();
  const read = button('read');
  read.addEventListener('click', on.read);
  const later = button('later');
  later.addEventListener('click', on.later);
  const notice = h('section', { part: 'notice', class: 'notice', 'aria-labelledby': 'pc-notice-text', hidden: true }, [
    noticeText,
    noticeError.root,
    read,
    later,
  ]);
  const status = h('div', { role: 'status', class: 'status', part: 'status' });

  root.append(backdrop, notice, status);
  return {
    root, backdrop, dialog, title, meta, intro, fallback, languages, languageGroup, changed, scroll, diff, diffTitle, diffBody,
    body, purposes, legend, purposeList, dialogError, close, accept, notice, noticeText, noticeError, read, later, status,
  };
}

/** Defines the element under `tagName` (once; a second call with a name already defined does nothing). */
export function definePolicyConsent(tagName = 'policy-consent'): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  // Each name needs a class of its own.
  customElements.define(tagName, tagName === 'policy-consent' ? PolicyConsentElement : class extends PolicyConsentElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'policy-consent': PolicyConsentElement;
  }
  interface HTMLElementEventMap {
    'policy-consent:state': CustomEvent<ConsentFlowState>;
    'policy-consent:accepted': CustomEvent<AcceptAnswer>;
    'policy-consent:changed': CustomEvent<PolicyConsentChangedDetail>;
  }
}

definePolicyConsent();
