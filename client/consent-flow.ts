/**
 * The consent flow every frontend needs, as a small state machine over the client: ask where the signed-in
 * user's consent stands, show the version to accept (with what changed since the one they accepted), record the
 * acceptance of exactly the text shown, and warn ahead of a scheduled material change. The <policy-consent>
 * element and the React component are two views of this one flow. No DOM, no framework, nothing at import.
 */
import { PolicyVersionsError, type PolicyChangedError, type PolicyVersionsClient, type PolicyText, type ConsentStatus, type AcceptAnswer } from './index';

export type ConsentPhase =
  /** Not started. */
  | 'idle'
  | 'loading'
  /** The server does not know the caller (no JWT, or an expired one): nothing to ask. */
  | 'signed-out'
  /** Nothing to accept now (a pending change may still be announced: `state.pending`). */
  | 'settled'
  /** The text in `state.policy` waits for the user's decision. */
  | 'asking'
  | 'accepting'
  /** Recorded: `state.accepted` holds the record and its signed receipt. */
  | 'accepted'
  | 'error';

export interface ConsentFlowState {
  phase: ConsentPhase;
  /** The locale asked for; `policy.locale` is the one served (it differs when the server fell back). */
  locale: string;
  status: ConsentStatus | null;
  /** The version shown for acceptance: the one in force, or the scheduled one when reviewed early. */
  policy: PolicyText | null;
  /** For a changed version the user had accepted an earlier one of: the plugin's HTML redline from that one. */
  diffHtml: string | null;
  /** True once a 409 replaced the text shown by the version now in force: the user must read it again. */
  changed: boolean;
  /** A material version scheduled ahead that the user's consent will not cover (from status), while nothing is due. */
  pending: ConsentStatus['pending'];
  /** The user's choice for each purpose of the version shown (required ones start true and stay true). */
  purposes: Record<string, boolean>;
  accepted: AcceptAnswer | null;
  error: PolicyVersionsError | null;
}

export interface ConsentFlowOptions {
  client: PolicyVersionsClient;
  /** The policy key, e.g. privacy. */
  policy: string;
  locale: string;
  /** Recorded as the acceptance's `source`, e.g. banner. */
  source?: string;
  /** A subject named by a server-side caller with an API token; a signed-in user is the subject themselves. */
  subject?: string;
  /** What a server already loaded (prefetchConsent), so the first render matches it and no request is repeated. */
  initial?: ConsentSnapshot;
}

/** The part of the state a server can load ahead and hand to the browser as JSON. */
export interface ConsentSnapshot {
  locale: string;
  status: ConsentStatus | null;
  policy: PolicyText | null;
  diffHtml: string | null;
  signedOut?: boolean;
}

const EMPTY: Omit<ConsentFlowState, 'phase' | 'locale'> = {
  status: null,
  policy: null,
  diffHtml: null,
  changed: false,
  pending: null,
  purposes: {},
  accepted: null,
  error: null,
};

// The client may come from another bundle than the flow (./client beside ./react or ./element), whose error
// classes are other objects: its errors are recognised by their shape, not with instanceof.
const isClientError = (error: unknown): error is PolicyVersionsError =>
  error instanceof Error && typeof (error as Partial<PolicyVersionsError>).status === 'number';

const isChanged = (error: unknown): error is PolicyChangedError => isClientError(error) && error.status === 409 && 'current' in error;

/** The error as the client throws it; anything else (a failing getToken, say) becomes one with status 0. */
export const asError = (error: unknown): PolicyVersionsError =>
  isClientError(error) ? error : new PolicyVersionsError(0, 'Error', error instanceof Error ? error.message : String(error));

const isSignedOut = (error: unknown) => isClientError(error) && (error.status === 401 || error.status === 403);

/** Required purposes are given and locked; optional ones keep the user's earlier choice, else start unticked. */
function purposeChoices(policy: PolicyText | null, earlier: Record<string, boolean> = {}): Record<string, boolean> {
  const choices: Record<string, boolean> = {};
  for (const purpose of policy?.consent?.purposes ?? []) choices[purpose.id] = purpose.required || earlier[purpose.id] === true;
  return choices;
}

/** The version to ask about, and the one its changes are shown against, as status describes them. */
function toAsk(status: ConsentStatus): { version: number; since: number | null } | null {
  if (!status.mustAccept || status.currentVersion === null) return null;
  return { version: status.currentVersion, since: status.reason === 'material-change' ? status.acceptedVersion : null };
}

async function loadText(client: PolicyVersionsClient, key: string, locale: string, version: number, since: number | null) {
  const [text, diff] = await Promise.all([
    client.version(key, version, { locale }),
    since !== null && since !== version ? client.diff(key, { from: since, to: version, locale, format: 'html' }) : Promise.resolve(null),
  ]);
  return { policy: text.data, diffHtml: diff?.data ?? null };
}

/**
 * Loads what the flow starts from: for server-side rendering (pass the user's JWT, or an API token and `subject`,
 * to the client), then `initial` in the browser. A caller the server does not know gives `signedOut`.
 */
export async function prefetchConsent(options: Omit<ConsentFlowOptions, 'initial'>): Promise<ConsentSnapshot> {
  const { client, policy: key, locale, subject } = options;
  let status: ConsentStatus;
  try {
    status = (await client.status(key, { subject })).data;
  } catch (error) {
    if (isSignedOut(error)) return { locale, status: null, policy: null, diffHtml: null, signedOut: true };
    throw error;
  }
  const ask = toAsk(status);
  if (!ask) return { locale, status, policy: null, diffHtml: null };
  return { locale, status, ...(await loadText(client, key, locale, ask.version, ask.since)) };
}

function stateOf(snapshot: ConsentSnapshot): ConsentFlowState {
  const { status, policy } = snapshot;
  const phase: ConsentPhase = snapshot.signedOut ? 'signed-out' : !status ? 'idle' : policy ? 'asking' : 'settled';
  return {
    ...EMPTY,
    phase,
    locale: snapshot.locale,
    status,
    policy,
    diffHtml: snapshot.diffHtml,
    pending: phase === 'settled' ? (status?.pending ?? null) : null,
    purposes: purposeChoices(policy),
  };
}

export function createConsentFlow(options: ConsentFlowOptions) {
  const { client, policy: key, subject } = options;
  let state: ConsentFlowState = options.initial ? stateOf(options.initial) : { ...EMPTY, phase: 'idle', locale: options.locale };
  const listeners = new Set<(state: ConsentFlowState) => void>();
  // Each load gets a number; an answer to an older one (a locale switched meanwhile) is dropped.
  let generation = 0;

  const set = (next: Partial<ConsentFlowState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener(state);
  };

  const fail = (error: unknown) => set({ phase: 'error', error: asError(error) });

  async function start(): Promise<void> {
    const mine = ++generation;
    // A text still to decide on stays shown through the reload; one already decided is not a question any more.
    const deciding = state.phase === 'asking' || state.phase === 'accepting' || state.phase === 'error';
    set({ phase: 'loading', error: null, changed: false, accepted: null, ...(deciding ? {} : { policy: null, diffHtml: null }) });
    try {
      const snapshot = await prefetchConsent({ client, policy: key, locale: state.locale, subject });
      if (mine === generation) set({ ...stateOf(snapshot), locale: state.locale });
    } catch (error) {
      if (mine === generation) fail(error);
    }
  }

  /** Shows the text in another language; the decision asked for stays the same. */
  async function setLocale(locale: string): Promise<void> {
    set({ locale });
    const shown = state.policy;
    if (!shown || (state.phase !== 'asking' && state.phase !== 'error')) return;
    const mine = ++generation;
    const since = state.diffHtml !== null ? (state.status?.acceptedVersion ?? null) : null;
    try {
      const loaded = await loadText(client, key, locale, shown.version, since);
      if (mine === generation) set({ ...loaded, phase: 'asking', error: null, purposes: purposeChoices(loaded.policy, state.purposes) });
    } catch (error) {
      if (mine === generation) fail(error);
    }
  }

  /** Reads the scheduled version ahead of its date (from the pending notice), to accept it early. */
  async function reviewPending(): Promise<void> {
    const pending = state.pending;
    if (!pending) return;
    const mine = ++generation;
    set({ phase: 'loading', error: null });
    try {
      const loaded = await loadText(client, key, state.locale, pending.version, state.status?.acceptedVersion ?? null);
      if (mine === generation) set({ ...loaded, phase: 'asking', purposes: purposeChoices(loaded.policy) });
    } catch (error) {
      if (mine === generation) fail(error);
    }
  }

  function setPurpose(id: string, given: boolean): void {
    const purpose = state.policy?.consent?.purposes?.find((item) => item.id === id);
    if (!purpose || purpose.required) return;
    set({ purposes: { ...state.purposes, [id]: given } });
  }

  /** Records the acceptance of exactly the text shown; a newer version in force replaces it, to be read and accepted. */
  async function accept(): Promise<void> {
    const shown = state.policy;
    if (!shown || state.phase !== 'asking') return;
    const mine = ++generation;
    set({ phase: 'accepting', error: null });
    const purposes = shown.consent?.purposes?.length ? state.purposes : undefined;
    try {
      const answer = await client.accept(key, {
        version: shown.version,
        locale: shown.locale,
        contentHash: shown.contentHash,
        source: options.source,
        purposes,
        subject,
      });
      if (mine !== generation) return;
      set({ phase: 'accepted', accepted: answer, pending: null });
    } catch (error) {
      if (mine !== generation) return;
      if (isChanged(error)) {
        // What changed is shown against the version the user had accepted, if any, else against the one they read.
        const since = state.status?.acceptedVersion ?? shown.version;
        const diff = since !== error.current.version
          ? await client.diff(key, { from: since, to: error.current.version, locale: error.current.locale, format: 'html' }).catch(() => null)
          : null;
        if (mine !== generation) return;
        set({ phase: 'asking', policy: error.current, diffHtml: diff?.data ?? null, changed: true, error, purposes: purposeChoices(error.current, state.purposes) });
        return;
      }
      // Left to ask again: the decision is still the user's to make.
      set({ phase: 'asking', error: asError(error) });
    }
  }

  /**
   * Puts off a pending notice for this page view (nothing is recorded). While its version is being read early
   * (after reviewPending, nothing due yet), this closes that reading too and settles.
   */
  function dismissPending(): void {
    if (state.phase === 'asking' && state.pending && !state.status?.mustAccept) {
      ++generation;
      set({ ...EMPTY, phase: 'settled', status: state.status });
      return;
    }
    set({ pending: null });
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener: (state: ConsentFlowState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start,
    setLocale,
    reviewPending,
    setPurpose,
    accept,
    dismissPending,
  };
}

export type ConsentFlow = ReturnType<typeof createConsentFlow>;
