import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ExportFormat, PolicyConsentCounts } from '../../../shared/contracts/ledger';
import { createVerifier, describeVerification, type VerifyResult } from '../domain/ledger/chain';
import { csvRow } from '../domain/ledger/csv';
import { CSV_HEADER, csvLine, ndjsonLine } from '../domain/ledger/export';
import { createReacceptanceFold, type ReacceptanceRow } from '../domain/ledger/reacceptance';
import { toPublicRecord } from '../domain/ledger/types';
import { versionInForce } from '../domain/resolution';
import { acceptancesRepository, type EventCount, type PolicySubjects, type RecordFilters } from '../repositories/acceptances';
import { releasesRepository } from '../repositories/releases';
import { mismatchedTexts } from '../domain/ledger/texts';
import { createLogVerifier, type CheckpointToCheck, type LogVerification } from '../domain/evidence/log-verify';
import { getConfig, getService } from '../utils/plugin';

const BATCH = 2000;
const DAILY_DAYS = 30;
const CHUNK_CHARS = 16 * 1024;

/** Subjects on the version in force: those whose latest event accepts it or a later version. */
const subjectsOnVersion = (counts: PolicySubjects | undefined, current: number | null) =>
  current === null || !counts ? 0 : [...counts.latestAccepted].reduce((sum, [version, n]) => (version >= current ? sum + n : sum), 0);

/** Rows of one event each, folded into one item per `id` with both counts. */
function byEvent<Row extends EventCount, Item>(rows: Row[], id: (row: Row) => string, item: (row: Row) => Item) {
  const items = new Map<string, Item & { accepted: number; withdrawn: number }>();
  for (const row of rows) {
    const found = items.get(id(row)) ?? { ...item(row), accepted: 0, withdrawn: 0 };
    found[row.event] += row.count;
    items.set(id(row), found);
  }
  return [...items.values()];
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

  /**
   * Every checkpoint to hold the records to: the stored ones, and the copies in the anchor file, which whoever
   * rewrites the database cannot reach.
   */
  async function checkpointsToCheck(): Promise<CheckpointToCheck[]> {
    const log = getService(strapi, 'transparency-log');
    const found: CheckpointToCheck[] = [];
    for (let from = 0; ; ) {
      const page = await log.checkpointsBetween(from, Number.MAX_SAFE_INTEGER, 1000);
      for (const stored of page) {
        found.push({ ...stored, source: 'stored', timestamp: stored.timestampToken ? { token: stored.timestampToken } : null });
      }
      if (page.length < 1000) break;
      from = (page.at(-1) as { treeSize: number }).treeSize + 1;
    }
    const file = getConfig(strapi).ledger.anchors.file;
    const lines = file ? await readFile(file, 'utf8').catch(() => '') : '';
    for (const line of lines.split('\n').filter(Boolean)) {
      let anchored: { treeSize: number; rootHash: string; note: string };
      try {
        anchored = JSON.parse(line);
      } catch {
        // Fails closed: an unreadable line is a checkpoint whose signature cannot verify.
        anchored = { treeSize: 0, rootHash: '', note: line };
      }
      found.push({ treeSize: anchored.treeSize, rootHash: anchored.rootHash, note: anchored.note, source: 'anchored', timestamp: null });
    }
    return found;
  }

  /** The next keyset batch of matching rows after position `after`, its last position, and whether more may follow. */
  async function batchAfter(after: number, filters: RecordFilters, untilSeq?: number) {
    const records = await repository.batchAfter(after, BATCH, filters, untilSeq);
    return { records, last: records.at(-1)?.seq ?? after, more: records.length === BATCH };
  }

  return {
    async list(filters: RecordFilters, page: number, pageSize: number) {
      const { records, total } = await repository.page(filters, page, pageSize);
      return {
        data: records.map(toPublicRecord),
        meta: { pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } },
      };
    },

    async stats(key: string) {
      const found = await getService(strapi, 'timeline').require(key);
      const current = versionInForce(found.entries, new Date())?.version ?? null;
      const since = new Date(Date.now() - (DAILY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
      const [counts, perVersion, daily] = await Promise.all([
        repository.countsByPolicy(key),
        repository.eventsPerVersionLocale(key),
        repository.eventsPerDay(key, since),
      ]);
      return {
        data: {
          policy: key,
          currentVersion: current,
          subjectsTotal: counts.get(key)?.subjects ?? 0,
          subjectsOnCurrent: subjectsOnVersion(counts.get(key), current),
          perVersionLocale: byEvent(perVersion, (row) => `${row.version}|${row.locale}`, ({ version, locale }) => ({ version, locale })).sort(
            (a, b) => a.version - b.version || a.locale.localeCompare(b.locale)
          ),
          daily: byEvent(daily, (row) => row.date, ({ date }) => ({ date })).sort((a, b) => a.date.localeCompare(b.date)),
        },
      };
    },

    /**
     * For every policy, what the editors' list shows: the stats' two subject counts, from two aggregate queries
     * over the ledger for all policies at once. The versions in force come from the timelines, which the list
     * has just read (so they are cached).
     */
    async countsByPolicy(): Promise<Record<string, PolicyConsentCounts>> {
      const [policies, counts] = await Promise.all([getService(strapi, 'policies').findAll(), repository.countsByPolicy()]);
      const now = new Date();
      const result: Record<string, PolicyConsentCounts> = {};
      for (const { key } of policies) {
        const found = await getService(strapi, 'timeline').get(key);
        const current = found ? (versionInForce(found.entries, now)?.version ?? null) : null;
        result[key] = { subjects: counts.get(key)?.subjects ?? 0, subjectsOnCurrent: subjectsOnVersion(counts.get(key), current) };
      }
      return result;
    },

    /**
     * The export as a stream of CSV or NDJSON text. Each read() fetches one keyset batch and pushes it as one
     * chunk; the next batch is fetched only when the consumer asks for more, so a slow client holds at most
     * about one batch in memory, whatever the ledger's size.
     */
    exportStream(format: ExportFormat, filters: RecordFilters): Readable {
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

    /**
     * Who must accept again when `version` of `policy` takes effect (domain/ledger/reacceptance.ts), as CSV or NDJSON:
     * every record of the policy is read once, in keyset batches; the answer is one row per such subject.
     */
    async reacceptance(policy: string, version: number, format: ExportFormat) {
      const found = await getService(strapi, 'timeline').require(policy);
      const target = found.entries.find((entry) => entry.version === version && !entry.withdrawnAt);
      if (!target) throw new errors.NotFoundError(`Policy "${policy}" has no published version ${version}`, { policy, version });
      const fold = createReacceptanceFold(
        version,
        found.entries.map((entry) => ({ version: entry.version, material: entry.material, withdrawn: entry.withdrawnAt !== null }))
      );
      for (let after = 0, more = true; more; ) {
        const batch = await batchAfter(after, { policy });
        batch.records.forEach(fold.push);
        ({ last: after, more } = batch);
      }
      const columns = ['subject', 'acceptedVersion', 'locale', 'acceptedAt'] as const;
      const line = (row: ReacceptanceRow) => (format === 'csv' ? csvRow(columns.map((column) => row[column])) : `${JSON.stringify(row)}\n`);
      let text = format === 'csv' ? csvRow(columns) : '';
      for (const row of fold.rows()) text += line(row);
      return { text, effectiveAt: target.effectiveAt.toISOString() };
    },

    describeVerification,

    /**
     * Walks the whole chain up to the head as it was when the walk began; appends made meanwhile wait for the
     * next run. Fails closed: a missing head row, a head short of or past the last record, a gap or a repeated
     * position are breaks, as are broken links.
     */
    async verify(): Promise<VerifyResult & { log: LogVerification }> {
      const head = await repository.readHead();
      const last = await repository.lastLink();
      // Up to the head, or with no head to every record there is, so the report still says whether their links
      // hold; never past the last record, so a head set far ahead is not walked out position by position.
      const until = Math.min(head?.seq ?? Infinity, last?.seq ?? 0);
      const verifier = createVerifier();
      const keyring = getService(strapi, 'signing').keyring();
      const logVerifier = createLogVerifier(await checkpointsToCheck(), {
        origin: keyring?.name ?? getConfig(strapi).ledger.signing.name,
        verifiers: keyring?.keys.map((key) => key.noteVerifier) ?? [],
        trustedCertificates: getConfig(strapi).ledger.anchors.tsa?.trustedCertificates,
      });
      // By ranges of positions with no row limit, not keyset pages: two rows at one position are both read.
      for (let after = 0; after < until; ) {
        const [next] = await repository.batchAfter(after, 1, {}, until);
        if (!next) break;
        after = Math.min(next.seq + BATCH - 1, until);
        for (const record of await repository.between(next.seq, after)) {
          verifier.push(record);
          logVerifier.push(record.hash);
        }
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
      const log = getService(strapi, 'transparency-log');
      const leaves = await log.leafCount();
      const tree = logVerifier.finish(leaves >= chain.count ? await log.storedRoot(chain.count) : null);
      return { ...chain, ok: chain.ok && mismatched.length === 0 && !tree.problem, mismatchedTexts: mismatched, log: tree };
    },
  };
};
