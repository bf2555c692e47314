/**
 * React bindings for the plugin's client: a provider for the client, hooks for a policy's text and the user's
 * consent status, and a headless <PolicyConsent> over the shared consent flow (client/consent-flow.ts), whose
 * markup is the app's own. Server-rendering safe: nothing runs at import, requests start in effects only, and
 * every hook takes what a server loaded as `initial`, so the server's HTML and the first client render agree.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ConsentStatus, CurrentAnswer, PolicyVersionsClient, PolicyVersionsError } from '../client';
import { asError, createConsentFlow, type ConsentFlowState, type ConsentSnapshot } from '../client/consent-flow';

export { prefetchConsent } from '../client/consent-flow';
export type { ConsentFlowState, ConsentPhase, ConsentSnapshot, ConsentFlowOptions } from '../client/consent-flow';
export type {
  ClientOptions,
  ConsentStatus,
  CurrentAnswer,
  PolicyChangedError,
  PolicyText,
  PolicyVersionsClient,
  PolicyVersionsError,
  StatusAnswer,
} from '../client';

const ClientContext = createContext<PolicyVersionsClient | null>(null);

/** Gives the hooks and <PolicyConsent> below it the client (one per app, or per request on a server). */
export function PolicyVersionsProvider({ client, children }: { client: PolicyVersionsClient; children?: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The client passed in, else the provider's. */
export function usePolicyVersionsClient(client?: PolicyVersionsClient): PolicyVersionsClient {
  const provided = useContext(ClientContext);
  const found = client ?? provided;
  if (!found) throw new Error('strapi-plugin-policy-versions/react: pass `client`, or render inside <PolicyVersionsProvider client={…}>');
  return found;
}

interface Loaded<T> {
  answer: T | null;
  error: PolicyVersionsError | null;
  loading: boolean;
}

const sameInputs = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, i) => Object.is(value, b[i]));

/**
 * One request's answer, loaded after mount and again when `inputs` change. With `initial` (what a server loaded
 * for these inputs) nothing is requested on mount; `refresh` asks again, keeping the last answer meanwhile.
 */
function useAnswer<T>(load: () => Promise<T>, inputs: readonly unknown[], initial: T | undefined) {
  const [loaded, setLoaded] = useState<Loaded<T>>(() => ({ answer: initial ?? null, error: null, loading: initial === undefined }));
  // The inputs the answer held (or being loaded) is for; compared rather than keyed on an effect run, so that
  // StrictMode's second effect run in development does not request again.
  const heldFor = useRef<readonly unknown[] | null>(initial === undefined ? null : inputs);
  const latest = useRef(load);
  // An answer to an older request (the locale switched meanwhile) is dropped.
  const generation = useRef(0);

  useEffect(() => {
    latest.current = load;
  });

  const refresh = useCallback(async (): Promise<void> => {
    const mine = ++generation.current;
    setLoaded((held) => ({ ...held, loading: true }));
    try {
      const answer = await latest.current();
      if (mine === generation.current) setLoaded({ answer, error: null, loading: false });
    } catch (error) {
      if (mine === generation.current) setLoaded((held) => ({ ...held, error: asError(error), loading: false }));
    }
  }, []);

  useEffect(() => {
    if (heldFor.current && sameInputs(heldFor.current, inputs)) return;
    heldFor.current = inputs;
    void refresh();
    // `inputs` are the effect's dependencies: a new array each render, compared element by element.
  }, inputs);

  return { ...loaded, refresh };
}

export interface UsePolicyOptions {
  locale?: string;
  /** The version in force at this instant (ISO 8601) rather than now. */
  at?: string;
  /** The answer of `client.current(key, { locale, at })` a server loaded, for the first render. */
  initial?: CurrentAnswer;
  client?: PolicyVersionsClient;
}

export interface PolicyResult {
  /** The version in force in the locale served (`data.locale`; `data.fallback` when not the one asked for). */
  data: CurrentAnswer['data'] | null;
  meta: CurrentAnswer['meta'] | null;
  /** The last request's failure (`status` 404 for no such policy, 0 when the server could not be reached). */
  error: PolicyVersionsError | null;
  /** A request is in flight; `data` keeps the previous answer meanwhile. */
  loading: boolean;
  refresh: () => Promise<void>;
}

/** The version of a policy in force; a repeated read is revalidated with its ETag by the client. */
export function usePolicy(key: string, options: UsePolicyOptions = {}): PolicyResult {
  const client = usePolicyVersionsClient(options.client);
  const { locale, at } = options;
  const { answer, error, loading, refresh } = useAnswer(() => client.current(key, { locale, at }), [client, key, locale, at], options.initial);
  return { data: answer?.data ?? null, meta: answer?.meta ?? null, error, loading, refresh };
}

export interface UseConsentStatusOptions {
  /** A subject named by a server-side caller with an API token; a signed-in user is the subject themselves. */
  subject?: string;
  /** The status a server loaded (`client.status(key)`'s `data`, or a snapshot's `status`), for the first render. */
  initial?: ConsentStatus;
  client?: PolicyVersionsClient;
}

export interface ConsentStatusResult {
  status: ConsentStatus | null;
  /** `status` 401 or 403 when the server does not know the caller (signed out, or an expired JWT). */
  error: PolicyVersionsError | null;
  loading: boolean;
  refresh: () => Promise<void>;
}

/** Where the signed-in user's consent to a policy stands: must they accept, and why. */
export function useConsentStatus(key: string, options: UseConsentStatusOptions = {}): ConsentStatusResult {
  const client = usePolicyVersionsClient(options.client);
  const { subject } = options;
  const initial = options.initial === undefined ? undefined : { data: options.initial };
  const { answer, error, loading, refresh } = useAnswer(() => client.status(key, { subject }), [client, key, subject], initial);
  return { status: answer?.data ?? null, error, loading, refresh };
}

export interface UseConsentOptions {
  /** The policy key, e.g. privacy. */
  policy: string;
  /** The locale to show first; a later change of this prop switches the text, as `setLocale` does. */
  locale: string;
  /** Recorded as the acceptance's `source`, e.g. signup. */
  source?: string;
  subject?: string;
  /** What prefetchConsent loaded on the server; without it the flow starts after mount. */
  initial?: ConsentSnapshot;
  client?: PolicyVersionsClient;
}

/** The flow's state and its actions, for the app's own markup. */
export interface ConsentView extends ConsentFlowState {
  /** Records the acceptance of exactly the text shown, with the purposes chosen. */
  accept: () => Promise<void>;
  setLocale: (locale: string) => Promise<void>;
  setPurpose: (id: string, given: boolean) => void;
  /** Shows the scheduled version of the pending notice, to accept it ahead of its date. */
  reviewPending: () => Promise<void>;
  dismissPending: () => void;
  /** Asks the server again where consent stands. */
  refresh: () => Promise<void>;
}

/** The consent flow of one policy for the signed-in user, as state that re-renders the component. */
export function useConsent(options: UseConsentOptions): ConsentView {
  const client = usePolicyVersionsClient(options.client);
  const { policy, locale, source, subject } = options;
  // A new flow only for another policy, caller or client: `locale` and `initial` are where the flow starts.
  const { flow, first } = useMemo(() => {
    const made = createConsentFlow({ client, policy, locale, source, subject, initial: options.initial });
    return { flow: made, first: made.state };
  }, [client, policy, source, subject]);

  // The server render and hydration both read `first`, so they agree; later renders read the flow.
  const state = useSyncExternalStore(flow.subscribe, () => flow.state, () => first);

  useEffect(() => {
    if (flow.state.phase === 'idle') void flow.start();
  }, [flow]);

  useEffect(() => {
    if (flow.state.locale !== locale) void flow.setLocale(locale);
  }, [flow, locale]);

  return useMemo(
    () => ({
      ...state,
      accept: flow.accept,
      setLocale: flow.setLocale,
      setPurpose: flow.setPurpose,
      reviewPending: flow.reviewPending,
      dismissPending: flow.dismissPending,
      refresh: flow.start,
    }),
    [state, flow]
  );
}

export interface PolicyConsentProps extends UseConsentOptions {
  children: (consent: ConsentView) => ReactNode;
}

/** Headless: renders what `children` makes of the consent flow's state (see useConsent). */
export function PolicyConsent({ children, ...options }: PolicyConsentProps) {
  return <>{children(useConsent(options))}</>;
}
