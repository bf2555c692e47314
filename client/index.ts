/**
 * A typed client for the plugin's public and end-user REST routes, for browsers and server-side rendering.
 * It has no runtime imports (the contracts are imported for their types only, so no zod is bundled) and
 * reads no browser global until a request is made.
 */
import type { BodyOf, ErrorResponse, QueryOf, ResponseOf } from '../shared/contracts/route';
import type { getCurrentVersion, getVersion, listVersions, PolicyText } from '../shared/contracts/policies';
import type { getPublishedDiff } from '../shared/contracts/diff';
import type { acceptPolicy, getConsentStatus, listOwnAcceptances, withdrawConsent } from '../shared/contracts/acceptances';

export type { PolicyText, VersionSummary } from '../shared/contracts/policies';
export type { ConsentStatus, LedgerRecord, ConsentReceipt } from '../shared/contracts/acceptances';
export type { DiffResult } from '../shared/contracts/diff';

export interface ClientOptions {
  /** The Strapi server's origin (and path prefix, if any), e.g. https://cms.example.kz; `/api/policy-versions` is added. */
  baseUrl: string;
  /** An API token, for calls from a server (name the person with `subject`). */
  token?: string;
  /** The signed-in user's users-permissions JWT, asked for before each call, so a refreshed one is used. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Defaults to the global fetch, looked up at call time. */
  fetch?: typeof fetch;
}

export type CurrentAnswer = ResponseOf<typeof getCurrentVersion>;
export type VersionAnswer = ResponseOf<typeof getVersion>;
export type VersionsAnswer = ResponseOf<typeof listVersions>;
export type DiffAnswer = ResponseOf<typeof getPublishedDiff>;
export type StatusAnswer = ResponseOf<typeof getConsentStatus>;
export type AcceptAnswer = ResponseOf<typeof acceptPolicy, 200 | 201>;
export type WithdrawAnswer = ResponseOf<typeof withdrawConsent, 200 | 201>;
export type HistoryAnswer = ResponseOf<typeof listOwnAcceptances>;
export type AcceptBody = BodyOf<typeof acceptPolicy>;
export type WithdrawBody = BodyOf<typeof withdrawConsent>;
/** `from` and `to` may be numbers; the route reads them from the query string. */
export type DiffQuery = Omit<QueryOf<typeof getPublishedDiff>, 'from' | 'to'> & { from?: number | string; to?: number | string };

/** An error answer in Strapi's shape; a network failure has status 0, an answer that is not JSON its HTTP status. */
export class PolicyVersionsError extends Error {
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, name: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.name = name;
    this.details = details;
  }
}

/** An acceptance refused with 409 (the version or its text is no longer what is in force): `current` is what to show now. */
export class PolicyChangedError extends PolicyVersionsError {
  readonly current: PolicyText;

  constructor(cause: PolicyVersionsError, current: PolicyText) {
    super(cause.status, cause.name, cause.message, cause.details);
    this.current = current;
  }
}

type Query = Record<string, string | number | undefined>;

// Enough for a page's policies in a few locales; the oldest entry goes first.
const MAX_KEPT = 64;

export function createClient(options: ClientOptions) {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/api/policy-versions/policies/`;
  const kept = new Map<string, { etag: string; answer: unknown }>();

  const url = (key: string, path: string, query: Query = {}) => {
    const search = Object.entries(query)
      .filter(([, value]) => value !== undefined && value !== '')
      .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
      .join('&');
    return `${base}${encodeURIComponent(key)}${path}${search ? `?${search}` : ''}`;
  };

  async function request<T>(method: 'GET' | 'POST', target: string, body?: unknown, cache?: RequestCache): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token ?? (await options.getToken?.());
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const held = method === 'GET' ? kept.get(target) : undefined;
    if (held) headers['if-none-match'] = held.etag;

    const send = options.fetch ?? globalThis.fetch;
    let response: Response;
    let text: string;
    try {
      response = await send(target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache });
      text = await response.text();
    } catch (error) {
      throw new PolicyVersionsError(0, 'NetworkError', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 304 && held) return held.answer as T;

    let answer: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      try {
        answer = JSON.parse(text);
      } catch {
        throw new PolicyVersionsError(response.status, 'ParseError', `The answer to ${method} ${target} is not valid JSON`);
      }
    }
    if (!response.ok) {
      const error = (answer as Partial<ErrorResponse> | null)?.error;
      if (error) throw new PolicyVersionsError(error.status, error.name, error.message, error.details);
      throw new PolicyVersionsError(response.status, 'HttpError', `${method} ${target} answered ${response.status}`);
    }
    // The HTML diff is a fragment, not JSON: give it the same { data } shape as the rest.
    if (typeof answer === 'string') answer = { data: answer };

    const etag = response.headers.get('etag');
    if (method === 'GET' && etag) {
      kept.delete(target);
      kept.set(target, { etag, answer });
      if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
    }
    return answer as T;
  }

  const current = (key: string, query: { locale?: string; at?: string } = {}) =>
    request<CurrentAnswer>('GET', url(key, '/current', query));

  function diff(key: string, query: DiffQuery & { format: 'html' }): Promise<{ data: string }>;
  function diff(key: string, query?: DiffQuery & { format?: 'json' }): Promise<DiffAnswer>;
  function diff(key: string, query: DiffQuery = {}) {
    return request('GET', url(key, '/diff', query));
  }

  return {
    current,
    version: (key: string, version: number, query: { locale?: string } = {}) =>
      request<VersionAnswer>('GET', url(key, `/versions/${version}`, query)),
    versions: (key: string, query: { locale?: string } = {}) => request<VersionsAnswer>('GET', url(key, '/versions', query)),
    diff,
    status: (key: string, query: { subject?: string } = {}) =>
      request<StatusAnswer>('GET', url(key, '/acceptances/status', query)),
    history: (key: string) => request<HistoryAnswer>('GET', url(key, '/acceptances/me')),
    withdraw: (key: string, body: WithdrawBody = {}) => request<WithdrawAnswer>('POST', url(key, '/withdrawals'), body),

    /**
     * Records the acceptance of the text shown (send its `contentHash`). A network error or a 5xx is retried once:
     * the same acceptance again answers 200 with the original record. A 409 throws PolicyChangedError with the
     * version in force now, in the same locale.
     */
    async accept(key: string, body: AcceptBody): Promise<AcceptAnswer> {
      const post = () => request<AcceptAnswer>('POST', url(key, '/acceptances'), body);
      try {
        return await post().catch((error: unknown) => {
          if (error instanceof PolicyVersionsError && (error.status === 0 || error.status >= 500)) return post();
          throw error;
        });
      } catch (error) {
        if (!(error instanceof PolicyVersionsError) || error.status !== 409) throw error;
        // Past the browser's HTTP cache, which may still hold the version the server has just refused (max-age).
        const fresh = await request<CurrentAnswer>('GET', url(key, '/current', { locale: body.locale }), undefined, 'no-cache').catch(() => {
          throw error;
        });
        throw new PolicyChangedError(error, fresh.data);
      }
    },
  };
}

export type PolicyVersionsClient = ReturnType<typeof createClient>;
