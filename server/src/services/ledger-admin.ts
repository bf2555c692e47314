import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { createVerifier, describeVerification, type VerifyResult } from '../domain/ledger/chain';
import { CSV_HEADER, csvLine, ndjsonLine } from '../domain/ledger/export';
import { toPublicRecord, type LedgerEvent } from '../domain/ledger/types';
import { parseInstant, parseRangeEnd, parseVersionNumber } from '../domain/request-params';
import { versionInForce } from '../domain/resolution';
import { acceptancesRepository, type RecordFilters } from '../repositories/acceptances';
import { releasesRepository } from '../repositories/releases';
import { mismatchedTexts } from '../domain/ledger/texts';
import { parseLocale } from '../utils/errors';
import { queryValue } from '../utils/query';
import { getService } from '../utils/plugin';

const EVENTS: readonly LedgerEvent[] = ['accepted', 'withdrawn', 'erased'];
const MAX_PAGE_SIZE = 100;
const BATCH = 2000;
const DAILY_DAYS = 30;
const CHUNK_CHARS = 16 * 1024;

type Query = Record<string, unknown>;

// An empty filter (`?locale=`) counts as absent, so forms can send every field.
const single = (query: Query, name: string): string | undefined => queryValue(query, name) || undefined;

const dateParameter = <T>(query: Query, name: string, parse: (value: string) => T | null): T | undefined => {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const parsed = parse(value);
  if (parsed === null) throw new errors.ValidationError(`"${name}" must be an ISO-8601 date or instant with a time zone`, { [name]: value });
  return parsed;
};

const positiveNumber = (query: Query, name: string): number | undefined => {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const parsed = parseVersionNumber(value);
  if (parsed === null) throw new errors.ValidationError(`"${name}" must be a positive whole number`, { [name]: value });
  return parsed;
};

const wholeNumber = (query: Query, name: string, fallback: number, max: number) => Math.min(positiveNumber(query, name) ?? fallback, max);

/** The list and export filters, from a query string; anything malformed is a 400, never ignored. */
export function parseFilters(query: Query): RecordFilters {
  const filters: RecordFilters = {};
  const policy = single(query, 'policy');
  if (policy !== undefined) filters.policy = policy;
  const version = positiveNumber(query, 'version');
  if (version !== undefined) filters.version = version;
  const locale = single(query, 'locale');
  if (locale !== undefined) filters.locale = parseLocale(locale);
  const subject = single(query, 'subject');
  if (subject !== undefined) filters.subject = subject;
  const event = single(query, 'event');
  if (event !== undefined) {
    if (!EVENTS.includes(event as LedgerEvent)) throw new errors.ValidationError(`"event" must be one of ${EVENTS.join(', ')}`, { event });
    filters.event = event as LedgerEvent;
  }
  const from = dateParameter(query, 'from', parseInstant);
  if (from !== undefined) filters.from = from.toISOString();
  const to = dateParameter(query, 'to', parseRangeEnd);
  if (to !== undefined) filters[to.inclusive ? 'to' : 'before'] = to.until.toISOString();
  return filters;
}

/** The compliance officer's side of the ledger: search, counts, export and chain verification. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = acceptancesRepository(strapi);
  const releases = releasesRepository(strapi);

  /** Accepted texts the releases no longer hold with the hash users accepted (see domain/ledger/texts). */
  const mismatchedReleases = async () => {
    const accepted = await repository.acceptedTexts();
    const hashes = new Map<string, string | null>();
    for (const policy of new Set(accepted.map((text) => text.policy))) {
      for (const release of await releases.findByPolicy(policy)) {
        for (const [locale, text] of Object.entries(release.texts)) hashes.set(`${policy}\u0000${release.version}\u0000${locale}`, text?.contentHash ?? null);
      }
    }
    return mismatchedTexts(accepted, (policy, version, locale) => hashes.get(`${policy}\u0000${version}\u0000${locale}`) ?? null);
  };
  const knex = () => strapi.db.connection;

  /** The next keyset batch of matching rows after position `after`, its last position, and whether more may follow. */
  async function batchAfter(after: number, filters: RecordFilters, untilSeq?: number) {
    const records = await repository.batchAfter(after, BATCH, filters, untilSeq);
    return { records, last: records.at(-1)?.seq ?? after, more: records.length === BATCH };
  }

  return {
    async list(query: Query) {
      const filters = parseFilters(query);
      const page = wholeNumber(query, 'page', 1, 1_000_000);
      const pageSize = wholeNumber(query, 'pageSize', 25, MAX_PAGE_SIZE);
      const { records, total } = await repository.page(filters, page, pageSize);
      return {
        data: records.map(toPublicRecord),
        meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } },
      };
    },

    async stats(query: Query) {
      const key = single(query, 'policy');
      if (key === undefined) throw new errors.ValidationError('"policy" is required');
      const found = await getService(strapi, 'timeline').require(key);
      const current = versionInForce(found.entries, new Date());

      const table = repository.table();
      const col = repository.column;
      const forPolicy = () => knex()(table).where(col('policyKey'), key);
      const [total] = await forPolicy().select(knex().raw('count(distinct ?) as ??', [repository.subjectIdentity(), 'n']));
      let onCurrent = 0;
      if (current) {
        // A subject is on the current version when their latest event is an acceptance of it or of a later one.
        const latest = knex()(table).max(col('seq')).where(col('policyKey'), key).groupBy(repository.subjectIdentity());
        const [row] = await knex()(table)
          .count({ n: '*' })
          .whereIn(col('seq'), latest)
          .andWhere(col('event'), 'accepted')
          .andWhere(col('version'), '>=', current.version);
        onCurrent = Number(row.n);
      }
      const perVersion = await forPolicy()
        .whereIn(col('event'), ['accepted', 'withdrawn'])
        .select({ version: col('version'), locale: col('locale'), event: col('event') })
        .count({ n: '*' })
        .groupBy(col('version'), col('locale'), col('event'));
      const since = new Date(Date.now() - (DAILY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      const daily = await forPolicy()
        .whereIn(col('event'), ['accepted', 'withdrawn'])
        .andWhere(col('recordedAt'), '>=', since)
        .select(knex().raw('substr(??, 1, 10) as ??', [col('recordedAt'), 'date']), knex().raw('?? as ??', [col('event'), 'event']))
        .count({ n: '*' })
        .groupByRaw('substr(??, 1, 10), ??', [col('recordedAt'), col('event')]);

      const versions = new Map<string, { version: number; locale: string; accepted: number; withdrawn: number }>();
      for (const row of perVersion as Array<Record<string, any>>) {
        const id = `${row.version}|${row.locale}`;
        const item = versions.get(id) ?? { version: Number(row.version), locale: row.locale, accepted: 0, withdrawn: 0 };
        item[row.event as 'accepted' | 'withdrawn'] += Number(row.n);
        versions.set(id, item);
      }
      const days = new Map<string, { date: string; accepted: number; withdrawn: number }>();
      for (const row of daily as Array<Record<string, any>>) {
        const item = days.get(row.date) ?? { date: row.date, accepted: 0, withdrawn: 0 };
        item[row.event as 'accepted' | 'withdrawn'] += Number(row.n);
        days.set(row.date, item);
      }
      return {
        data: {
          policy: key,
          currentVersion: current?.version ?? null,
          subjectsTotal: Number((total as Record<string, unknown>).n),
          subjectsOnCurrent: onCurrent,
          perVersionLocale: [...versions.values()].sort((a, b) => a.version - b.version || a.locale.localeCompare(b.locale)),
          daily: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
        },
      };
    },

    /**
     * The export as a stream of CSV or NDJSON text. Each read() fetches one keyset batch and pushes it as one
     * chunk; the next batch is fetched only when the consumer asks for more, so a slow client holds at most
     * about one batch in memory, whatever the ledger's size.
     */
    exportStream(format: 'csv' | 'ndjson', query: Query): Readable {
      const filters = parseFilters(query);
      const line = format === 'csv' ? csvLine : ndjsonLine;
      let after = 0;
      let header = format === 'csv' ? CSV_HEADER : '';
      return new Readable({
        read() {
          (async () => {
            const { records, last, more } = await batchAfter(after, filters);
            after = last;
            let text = header;
            header = '';
            for (const record of records) {
              text += line(record);
              // Pushed in pieces under 64 KB: a longer string is allocated in V8's old generation at once,
              // where it stays until a full GC.
              if (text.length >= CHUNK_CHARS) {
                this.push(text);
                text = '';
              }
            }
            if (text) this.push(text);
            if (!more) this.push(null);
          })().catch((error) => this.destroy(error));
        },
      });
    },

    describeVerification,

    /**
     * Walks the whole chain up to the head as it was when the walk began; appends made meanwhile wait for the
     * next run. Fails closed: a missing head row, a head short of or past the last record, a gap or a repeated
     * position are breaks, as are broken links.
     */
    async verify(): Promise<VerifyResult> {
      const head = await repository.readHead();
      const last = await repository.lastLink();
      // Up to the head, or with no head to every record there is, so the report still says whether their links
      // hold; never past the last record, so a head set far ahead is not walked out position by position.
      const until = Math.min(head?.seq ?? Infinity, last?.seq ?? 0);
      const verifier = createVerifier();
      // By ranges of positions with no row limit, not keyset pages: two rows at one position are both read.
      for (let after = 0; after < until; ) {
        const [next] = await repository.batchAfter(after, 1, {}, until);
        if (!next) break;
        after = Math.min(next.seq + BATCH - 1, until);
        (await repository.between(next.seq, after)).forEach(verifier.push);
      }
      let chain: VerifyResult;
      if (!head) chain = verifier.finishStored(null, null);
      else {
        // The records first, then the head again: an append made meanwhile moves the head at least as far as
        // its record, so only a head left behind has a record past it.
        const [beyond] = await repository.batchAfter(head.seq, 1);
        const now = beyond ? await repository.readHead() : head;
        chain = verifier.finishStored(head, beyond && (!now || beyond.seq > now.seq) ? beyond : null);
      }
      const mismatched = await mismatchedReleases();
      return { ...chain, ok: chain.ok && mismatched.length === 0, mismatchedTexts: mismatched };
    },
  };
};
