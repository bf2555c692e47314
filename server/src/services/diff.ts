import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { diffPoliciesAsync, renderInlineRedline, renderSideBySide, type DiffResult } from '../domain/diff';
import type { PolicyLocale } from '../../../shared/locales';
import { cacheMaxAgeSeconds, versionInForce } from '../domain/resolution';
import type { VersionRecord } from '../repositories/versions';
import { LruCache } from '../utils/lru';
import { strongEtag, type PreparedResponse } from '../http';
import { negotiateAmong, type LocaleRequest } from './reader';
import type { z } from '@strapi/utils';
import type { getPublishedDiff } from '../../../shared/contracts/diff';
import type { Timeline, TimelineEntry } from './timeline';
import { parseLocale } from '../utils/errors';
import { getConfig, getService } from '../utils/plugin';

// The published diff's options, as its contract declares them.
type DiffOptionsQuery = Required<Pick<z.output<typeof getPublishedDiff.request.query>, 'format' | 'view'>>;
type DiffFormat = DiffOptionsQuery['format'];
type DiffView = DiffOptionsQuery['view'];

export interface PublishedDiffRequest extends LocaleRequest {
  /** Version numbers; absent means the defaults (`to`: in force now, `from`: the last non-withdrawn one before `to`). */
  from?: number;
  to?: number;
  format: DiffFormat;
  view: DiffView;
}

export interface DraftDiffRequest {
  /** A documentId, or `current` for the version in force now. */
  from: string;
  to: string;
  locale?: string;
}

// Diffs of immutable versions never go stale, so the bound only caps memory: at most this many entries
// and this many UTF-16 units of text (about 64 MB), whichever is reached first.
const MAX_ENTRIES = 512;
const MAX_WEIGHT = 32 * 1024 * 1024;

const versionRef = (entry: TimelineEntry) => ({ version: entry.version, effectiveAt: entry.effectiveAt.toISOString() });
const recordRef = (record: VersionRecord) => ({ documentId: record.documentId, version: record.version, state: record.state });
// Rendering a diff of two 500 KB texts takes 30-60 ms; the event loop gets a turn before each rendering.
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Diffs between versions of a policy, for the public API (published versions, by number) and for editors
 * (drafts included, by documentId). Published versions never change, so their diffs and serialised
 * answers are kept in one bounded LRU; a draft's diff is computed on every call.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const timeline = () => getService(strapi, 'timeline');
  const config = () => getConfig(strapi);
  const cache = new LruCache<DiffResult | PreparedResponse>(MAX_ENTRIES, MAX_WEIGHT);
  // Concurrent requests for one uncached diff share its computation.
  const inflight = new Map<string, Promise<DiffResult>>();

  function inForce(found: Timeline, at: Date): TimelineEntry {
    const entry = versionInForce(found.entries, at);
    if (!entry) throw new errors.NotFoundError(`No version of "${found.policy.key}" is in force now`, { policy: found.policy.key });
    return entry;
  }

  // A withdrawn version never took effect, so "what changed" is measured against the last one that could have.
  function previousOf(found: Timeline, to: TimelineEntry): TimelineEntry {
    const entry = found.entries.find((candidate) => candidate.version < to.version && candidate.withdrawnAt === null);
    if (!entry) {
      throw new errors.NotFoundError(`Version ${to.version} of "${found.policy.key}" has no earlier version to compare with`, {
        policy: found.policy.key,
        to: to.version,
      });
    }
    return entry;
  }

  /**
   * The diff of two texts, cached under `cacheKey` when both sides are immutable (null: compute every time).
   * The weight is an estimate: each text is held about twice, in its blocks and in their word operations.
   */
  async function diffOf(cacheKey: string | null, texts: () => Promise<[string, string]>, locale: PolicyLocale) {
    if (cacheKey === null) {
      const [before, after] = await texts();
      return diffPoliciesAsync(before, after, locale);
    }
    const hit = cache.get(cacheKey) as DiffResult | undefined;
    if (hit) return hit;
    let pending = inflight.get(cacheKey);
    if (!pending) {
      pending = texts().then(async ([before, after]) => {
        const result = await diffPoliciesAsync(before, after, locale);
        cache.set(cacheKey, result, 2 * (before.length + after.length));
        return result;
      });
      inflight.set(cacheKey, pending);
      const settled = () => inflight.delete(cacheKey);
      pending.then(settled, settled);
    }
    return pending;
  }

  async function publishedText(entry: TimelineEntry, locale: PolicyLocale): Promise<string> {
    return (await timeline().requireText(entry, locale)).markdown;
  }

  async function currentRecord(policyKey: string): Promise<VersionRecord> {
    const entry = inForce(await timeline().require(policyKey), new Date());
    return getService(strapi, 'versions').get(entry.documentId);
  }

  return {
    /** The public answer for two published versions, serialised once per variant, with a strong ETag. */
    async published(key: string, request: PublishedDiffRequest): Promise<PreparedResponse> {
      const found = await timeline().require(key);
      const now = new Date();
      const to: TimelineEntry = request.to === undefined ? inForce(found, now) : timeline().entry(found, request.to);
      const from: TimelineEntry = request.from === undefined ? previousOf(found, to) : timeline().entry(found, request.from);
      // One locale for both sides: a diff across languages would be all changes.
      const common = to.locales.filter((locale) => from.locales.includes(locale));
      const { locale, requestedLocale, fallback } = negotiateAmong(found, common, request);
      if (!locale) {
        throw new errors.NotFoundError(`Versions ${from.version} and ${to.version} of "${key}" have no locale in common`, {
          policy: key,
          from: from.locales,
          to: to.locales,
        });
      }
      const maxAgeSeconds = cacheMaxAgeSeconds(now, found.entries, config().maxAgeSeconds);
      const diffKey = `diff|${from.documentId}|${to.documentId}|${locale}`;
      // The HTML fragment does not carry the negotiation; the JSON meta does.
      const variant = request.format === 'html' ? `${diffKey}|html|${request.view}` : `${diffKey}|json|${requestedLocale}`;
      const hit = cache.get(variant) as PreparedResponse | undefined;
      if (hit) return { ...hit, maxAgeSeconds };

      const result = await diffOf(diffKey, () => Promise.all([publishedText(from, locale), publishedText(to, locale)]), locale);
      const html = request.format === 'html';
      await yieldTurn();
      const body = html
        ? request.view === 'inline'
          ? renderInlineRedline(result)
          : renderSideBySide(result)
        : JSON.stringify({
            data: result,
            meta: { policy: key, from: versionRef(from), to: versionRef(to), locale, requestedLocale, fallback, availableLocales: common },
          });
      const prepared: PreparedResponse = { body, etag: strongEtag(body), locale, maxAgeSeconds, type: html ? 'text/html; charset=utf-8' : undefined };
      cache.set(variant, prepared, prepared.body.length);
      return prepared;
    },

    /**
     * The editors' diff of any two versions of one policy, drafts included. A locale one side has no text
     * in is diffed as empty, so a draft adding a locale shows it all inserted.
     */
    async drafts(request: DraftDiffRequest) {
      const versions = getService(strapi, 'versions');
      const to = await versions.get(request.to);
      const from: VersionRecord = request.from === 'current' ? await currentRecord(to.policyKey) : await versions.get(request.from);
      if (from.policyKey !== to.policyKey) {
        throw new errors.ValidationError('"from" and "to" must be versions of the same policy', {
          from: from.policyKey,
          to: to.policyKey,
        });
      }
      const locale: PolicyLocale = request.locale
        ? parseLocale(request.locale)
        : (await timeline().require(to.policyKey)).settings.fallbackOrder[0];
      const immutable = from.state !== 'draft' && to.state !== 'draft';
      const result = await diffOf(
        immutable ? `diff|${from.documentId}|${to.documentId}|${locale}` : null,
        async () => [from.locales[locale]?.body ?? '', to.locales[locale]?.body ?? ''],
        locale
      );
      await yieldTurn();
      const inline = renderInlineRedline(result);
      await yieldTurn();
      const sideBySide = renderSideBySide(result);
      return { from: recordRef(from), to: recordRef(to), locale, summary: result.summary, result, inline, sideBySide };
    },
  };
};
