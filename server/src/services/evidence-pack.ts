import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EvidenceFormat } from '../../../shared/contracts/ledger';
import { isSupportedLocale } from '../../../shared/locales';
import { EVIDENCE_PACK_FORMAT, type EvidencePack, type PackCheckpoint, type PackEntry, type PackText } from '../domain/evidence/pack';
import { verifyEvidencePack, type PackReport } from '../domain/evidence/pack-verify';
import { renderEvidenceHtml, renderEvidencePdf, type ReportLocale } from '../domain/evidence/report';
import type { StoredRecord } from '../domain/ledger/types';
import { acceptancesRepository } from '../repositories/acceptances';
import { evidenceRepository, type NamedText } from '../repositories/evidence';
import type { StoredCheckpoint } from '../repositories/log';
import { releasesRepository } from '../repositories/releases';
import { httpError } from '../utils/errors';
import { getConfig, getService } from '../utils/plugin';

/** A stored checkpoint as the log's routes and the pack show it: the timestamp only once the authority answered. */
export const checkpointView = (stored: StoredCheckpoint): PackCheckpoint => ({
  treeSize: stored.treeSize,
  rootHash: stored.rootHash,
  note: stored.note,
  signedAt: stored.signedAt,
  timestamp:
    stored.timestampToken && stored.tsaUrl && stored.timestampedAt
      ? { tsa: stored.tsaUrl, token: stored.timestampToken, genTime: stored.timestampedAt }
      : null,
});

/** A pack as a file: its bytes, type and extension. */
export interface EvidenceDocument {
  pack: EvidencePack;
  report: PackReport;
  body: Buffer | string;
  contentType: string;
  extension: EvidenceFormat;
}

const textKey = (t: { policy: string | null; version: number | null; locale: string | null; contentHash: string | null }) =>
  JSON.stringify([t.policy, t.version, t.locale, t.contentHash]);

/**
 * Per-subject evidence packs (domain/evidence/pack.ts), assembled from the database: the subject's records and the
 * publication events of the texts they name, each with its inclusion proof to one signed checkpoint, the earlier
 * timestamped checkpoints that first held them, and the exact texts. The offline verifier (pack-verify.ts) trusts
 * none of it; the server checks its own packs with its configured keys the same way when it renders a report.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ledger = acceptancesRepository(strapi);
  const evidence = evidenceRepository(strapi);
  const releases = releasesRepository(strapi);
  const log = () => getService(strapi, 'transparency-log');

  function requireKeyring() {
    const keyring = getService(strapi, 'signing').keyring();
    if (!keyring) {
      throw httpError(503, 'The server has no signing key (ledger.signing.privateKey), so it cannot sign the checkpoint an evidence pack is proven against');
    }
    return keyring;
  }

  /** The latest checkpoint, signed now when none holds position `lastSeq` yet. */
  async function checkpointCovering(lastSeq: number): Promise<StoredCheckpoint> {
    const latest = await log().latestCheckpoint();
    if (latest && latest.treeSize >= lastSeq) return latest;
    await getService(strapi, 'ledger').updateLog(true);
    const signed = await log().latestCheckpoint();
    if (!signed || signed.treeSize < lastSeq) throw httpError(503, `No checkpoint holds ledger position ${lastSeq} yet; try again`);
    return signed;
  }

  /** For each entry, the smallest timestamped checkpoint up to `treeSize` records that holds it (entries in log order). */
  async function firstAnchors(entries: StoredRecord[], treeSize: number): Promise<Array<number | null>> {
    const anchors: Array<number | null> = [];
    let anchor: number | null = null;
    let exhausted = false;
    for (const { seq } of entries) {
      if (!exhausted && (anchor === null || anchor < seq)) {
        anchor = await evidence.firstTimestamped(seq, treeSize);
        // No timestamped checkpoint holds this record, so none holds a later one.
        exhausted = anchor === null;
      }
      anchors.push(anchor);
    }
    return anchors;
  }

  /** The exact Markdown of each named text, from its release; a text the releases lack is left out (the verifier says so). */
  async function textsOf(named: NamedText[]): Promise<PackText[]> {
    const texts: PackText[] = [];
    for (const policy of [...new Set(named.map((t) => t.policy))]) {
      const released = await releases.findByPolicy(policy, { withBody: true });
      for (const t of named.filter((n) => n.policy === policy)) {
        const release = released.find((r) => r.version === t.version);
        const stored = release && isSupportedLocale(t.locale) ? release.texts[t.locale] : undefined;
        if (!release || !stored) continue;
        texts.push({ ...t, title: stored.title, markdown: stored.body, effectiveAt: release.effectiveAt.toISOString() });
      }
    }
    return texts;
  }

  async function assemble(subject: string): Promise<EvidencePack> {
    const own = await ledger.forSubject(subject);
    if (own.length === 0) throw new errors.NotFoundError('The ledger has no records of this subject');
    const keyring = requireKeyring();

    const named = new Map<string, NamedText>();
    for (const r of own) {
      if (r.policy !== null && r.version !== null && r.locale !== null && r.contentHash !== null) {
        named.set(textKey(r), { policy: r.policy, version: r.version, locale: r.locale, contentHash: r.contentHash });
      }
    }
    const texts = [...named.values()];
    const records = [...own, ...(await evidence.publicationsOf(texts))].sort((a, b) => a.seq - b.seq);

    const final = await checkpointCovering(records[records.length - 1].seq);
    // The final checkpoint is an anchor only as it was read: its timestamp may be stored while the pack is made.
    const anchors = await firstAnchors(records, final.timestampToken ? final.treeSize : final.treeSize - 1);
    const { receiptOf } = getService(strapi, 'ledger');
    const entries: PackEntry[] = [];
    for (const [i, record] of records.entries()) {
      const { receipt, receiptJws } = record.subject === null ? { receipt: null, receiptJws: null } : await receiptOf(record);
      entries.push({
        record,
        receipt: receipt as PackEntry['receipt'],
        receiptJws,
        inclusion: { leafIndex: record.seq - 1, treeSize: final.treeSize, hashes: await log().inclusionProof(record.seq - 1, final.treeSize) },
        firstAnchoredIn: anchors[i],
      });
    }

    const earlier = [...new Set(anchors)].filter((size): size is number => size !== null && size < final.treeSize).sort((a, b) => a - b);
    const earlierCheckpoints = [];
    for (const size of earlier) {
      const stored = await log().checkpointOf(size);
      if (!stored) continue;
      earlierCheckpoints.push({ ...checkpointView(stored), consistency: await log().consistencyProof(size, final.treeSize) });
    }

    return {
      format: EVIDENCE_PACK_FORMAT,
      generatedAt: new Date().toISOString(),
      subject,
      log: { origin: keyring.name, verifierKeys: keyring.keys.map((key) => key.verifierKey), keys: getService(strapi, 'signing').publishedKeys() },
      checkpoint: checkpointView(final),
      earlierCheckpoints,
      entries,
      texts: await textsOf(texts),
      controller: getConfig(strapi).ledger.controller,
    };
  }

  /** What the pack proves, checked as any reader would, with the server's own keys as the trusted ones. */
  function verify(pack: EvidencePack): PackReport {
    return verifyEvidencePack(pack, { trustedVerifierKeys: requireKeyring().keys.map((key) => key.verifierKey) });
  }

  return {
    assemble,
    verify,

    /** The subject's pack as JSON, or its report as HTML or PDF in `locale`. */
    async document(subject: string, format: EvidenceFormat, locale: ReportLocale): Promise<EvidenceDocument> {
      const pack = await assemble(subject);
      const report = verify(pack);
      if (format === 'html') return { pack, report, body: renderEvidenceHtml(pack, report, locale), contentType: 'text/html; charset=utf-8', extension: 'html' };
      if (format === 'pdf') return { pack, report, body: await renderEvidencePdf(pack, report, locale), contentType: 'application/pdf', extension: 'pdf' };
      return { pack, report, body: `${JSON.stringify(pack, null, 2)}\n`, contentType: 'application/json; charset=utf-8', extension: 'json' };
    },
  };
};
