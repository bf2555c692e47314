import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { negotiateLocale } from '../domain/locales';
import { releasesRepository } from '../repositories/releases';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
import { cacheMaxAgeSeconds, supersededAt, upcomingVersion, versionInForce, versionStatus } from '../domain/resolution';
import { unsupportedLocaleError } from '../utils/errors';
import { strongEtag, type PreparedResponse } from '../http';
import type { PolicyRecord } from '../repositories/policies';
import { LruCache } from '../utils/lru';
import type { Timeline, TimelineEntry } from './timeline';
import { getConfig, getService } from '../utils/plugin';

export interface LocaleRequest {
  locale?: string | null;
  acceptLanguage?: string;
}

const MAX_PREPARED = 1024;
// About 45 KB a prepared 20 KB policy (Markdown and HTML): the weight bound caps memory near 64 MB.
const MAX_PREPARED_BYTES = 64 * 1024 * 1024;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Builds the public read API's answers. Serialised bodies are memoised by everything that shapes them,
 * so the hot path (the version in force) is a timeline lookup, a map hit and no JSON work.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const timeline = () => getService(strapi, 'timeline');
  const config = () => getConfig(strapi);
  const prepared = new LruCache<PreparedResponse>(MAX_PREPARED, MAX_PREPARED_BYTES);
  const releases = releasesRepository(strapi);

  function pickLocale(found: Timeline, entry: TimelineEntry, request: LocaleRequest) {
    const negotiation = negotiateAmong(found, entry.locales, request);
    if (!negotiation.locale) {
      throw new errors.NotFoundError(`Version ${entry.version} of "${found.policy.key}" has no text in any locale`);
    }
    return negotiation as { requestedLocale: PolicyLocale; locale: PolicyLocale; fallback: boolean };
  }

  const summary = (found: Timeline, entry: TimelineEntry, at: Date, locale?: PolicyLocale) => ({
    version: entry.version,
    effectiveAt: iso(entry.effectiveAt),
    supersededAt: iso(supersededAt(found.entries, entry)),
    material: entry.material,
    status: versionStatus(found.entries, entry, at),
    publishedAt: iso(entry.releasedAt),
    locales: entry.locales,
    ...(locale ? { title: entry.titles[locale] ?? '', changeSummary: entry.changeSummaries[locale] ?? '' } : {}),
  });

  const upcomingOf = (found: Timeline, at: Date) => {
    const next = upcomingVersion(found.entries, at);
    return next ? { version: next.version, effectiveAt: iso(next.effectiveAt), material: next.material } : null;
  };

  /** A policy in a list: its titles and settings, the version in force and the next one. */
  function policySummary(policy: PolicyRecord, found: Timeline, now: Date, request: LocaleRequest) {
    const current = versionInForce(found.entries, now);
    const titleLocale = pickTitleLocale(found, request);
    return {
      key: policy.key,
      title: policy.titles[titleLocale] ?? Object.values(policy.titles)[0] ?? policy.key,
      titles: policy.titles,
      requiredLocales: found.settings.requiredLocales,
      fallbackOrder: found.settings.fallbackOrder,
      current: current ? summary(found, current, now) : null,
      upcoming: upcomingOf(found, now),
    };
  }

  async function prepareVersion(found: Timeline, entry: TimelineEntry, at: Date, request: LocaleRequest) {
    const { requestedLocale, locale, fallback } = pickLocale(found, entry, request);
    const upcoming = upcomingOf(found, at);
    const superseded = supersededAt(found.entries, entry);
    const cacheKey = [
      entry.documentId, locale, requestedLocale, upcoming?.version, upcoming?.effectiveAt, iso(superseded),
      entry.withdrawnAt ? 'w' : '', entry.locales.join(','),
    ].join('|');
    const maxAgeSeconds = cacheMaxAgeSeconds(new Date(), found.entries, config().maxAgeSeconds);
    const hit = prepared.get(cacheKey);
    if (hit) return { ...hit, maxAgeSeconds };

    const text = await timeline().requireText(entry, locale);
    // Frozen with the release like its text, so the cached body (and its ETag) never goes stale.
    const consent = await releases.findConsent(entry.policyKey, entry.version);
    const json = JSON.stringify({
      data: {
        policy: found.policy.key,
        version: entry.version,
        locale,
        requestedLocale,
        fallback,
        title: text.title,
        markdown: text.markdown,
        html: text.html,
        contentHash: text.contentHash,
        effectiveAt: iso(entry.effectiveAt),
        supersededAt: iso(superseded),
        material: entry.material,
        status: entry.withdrawnAt ? 'withdrawn' : undefined,
        changeSummary: text.changeSummary,
        publishedAt: iso(entry.releasedAt),
        consent,
      },
      meta: { upcoming, availableLocales: entry.locales },
    });
    const body = Buffer.from(json);
    const response: PreparedResponse = { body, etag: strongEtag(body), locale, maxAgeSeconds };
    prepared.set(cacheKey, response, response.body.length);
    return response;
  }

  return {
    /** Every policy with its version in force and the next one; `withUnpublished` is for editors only. */
    async listPolicies(request: LocaleRequest, { withUnpublished = false }: { withUnpublished?: boolean } = {}) {
      const policies = await getService(strapi, 'policies').findAll();
      const now = new Date();
      const data = [];
      for (const policy of policies) {
        const found = await timeline().require(policy.key);
        // A policy with nothing published is still in preparation: its key and titles are not public yet.
        if (!withUnpublished && !found.entries.some((entry) => !entry.withdrawnAt)) continue;
        data.push(policySummary(policy, found, now, request));
      }
      return { data, meta: { total: data.length } };
    },

    /** One policy as the editors' list shows it, published or not. */
    async policyForEditors(key: string, request: LocaleRequest) {
      const policy = await getService(strapi, 'policies').require(key);
      return policySummary(policy, await timeline().require(key), new Date(), request);
    },

    async current(key: string, at: Date, request: LocaleRequest): Promise<PreparedResponse> {
      const found = await timeline().require(key);
      const entry = versionInForce(found.entries, at);
      if (!entry) {
        throw new errors.NotFoundError(`No version of "${key}" is in force at ${at.toISOString()}`, {
          policy: key,
          at: at.toISOString(),
          upcoming: upcomingOf(found, at),
        });
      }
      return prepareVersion(found, entry, at, request);
    },

    async version(key: string, version: number, request: LocaleRequest): Promise<PreparedResponse> {
      const found = await timeline().require(key);
      return prepareVersion(found, timeline().entry(found, version), new Date(), request);
    },

    async archive(key: string, request: LocaleRequest) {
      const found = await timeline().require(key);
      const now = new Date();
      const locale = pickTitleLocale(found, request);
      return {
        data: found.entries.map((entry) => summary(found, entry, now, pickSummaryLocale(found, entry, locale))),
        meta: { policy: key, locale, upcoming: upcomingOf(found, now) },
      };
    },
  };
};

/** The reader's locale among `available`, along the policy's fallback order; an unsupported one is a 400. */
export function negotiateAmong(found: Timeline, available: readonly PolicyLocale[], request: LocaleRequest) {
  const negotiation = negotiateLocale({
    query: request.locale,
    acceptLanguage: request.acceptLanguage,
    fallbackOrder: found.settings.fallbackOrder,
    available,
  });
  if (!negotiation.ok) throw unsupportedLocaleError(negotiation.invalid);
  return negotiation;
}

/** The locale a list is labelled in: the reader's, whatever the versions have. */
function pickTitleLocale(found: Timeline, request: LocaleRequest): PolicyLocale {
  return negotiateAmong(found, SUPPORTED_LOCALES, request).requestedLocale;
}

function pickSummaryLocale(found: Timeline, entry: TimelineEntry, wanted: PolicyLocale): PolicyLocale {
  if (entry.locales.includes(wanted)) return wanted;
  return found.settings.fallbackOrder.find((locale) => entry.locales.includes(locale)) ?? wanted;
}
