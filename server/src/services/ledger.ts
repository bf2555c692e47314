import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { canonicalJson } from '../domain/ledger/canonical';
import { ERASED_PREFIX } from '../domain/ledger/chain';
import { recordedIp } from '../domain/ledger/ip';
import { auditEvent, missingPublicationEvents, type AuditAdmin, type LoggedRelease } from '../domain/ledger/log-events';
import type { AuditAction } from '../../../shared/ledger-events';
import { buildReceipt } from '../domain/ledger/receipt';
import { consentState, consentStatus } from '../domain/ledger/status';
import { acceptedPurposes, purposeProblemMessage, withdrawnPurposes, type PurposeRule } from '../domain/ledger/purposes';
import { toPublicRecord, type GivenBy, type PublicRecord, type StoredRecord } from '../domain/ledger/types';
import { preferredLocale } from '../domain/locales';
import { upcomingVersion, versionInForce } from '../domain/resolution';
import type { ConsentTermsDraft } from '../../../shared/consent-terms';
import type { PolicyLocale } from '../../../shared/locales';
import { acceptancesRepository } from '../repositories/acceptances';
import { releasesRepository } from '../repositories/releases';
import { conflictError, httpError } from '../utils/errors';
import { createChainWriter, headAlarm } from './ledger-writer';
import type { Timeline, TimelineEntry } from './timeline';
import { getConfig, getService } from '../utils/plugin';

/** Who is acting: the signed-in end user, or a server with an API token naming the subject. */
export type Actor = { kind: 'user'; userId: string } | { kind: 'api-token' };

/** What the request itself says about where the acceptance came from. */
export interface RequestInfo {
  /** The client's address; the ledger keeps it as the `ip` setting says (truncated, full or not at all). */
  ip: string | null;
  userAgent: string | null;
  /**
   * The raw header. The ledger records only the supported locale it prefers (or null): the record's hash covers
   * this field, so erasure cannot clear it, and a full header helps tell one person from another.
   */
  acceptLanguage: string | null;
}

/** An acceptance as the edge checked it (controllers/validation/acceptances.ts). */
export interface AcceptInput {
  version: number;
  locale: PolicyLocale;
  contentHash?: string;
  /** A short token such as signup; the receipt's collection method. */
  source?: string;
  /** A JSON object within the depth and size limits, canonicalised here. */
  metadata?: Record<string, unknown>;
  /** Each purpose of the version's consent terms, given or not (domain/ledger/purposes.ts). */
  purposes?: Record<string, boolean>;
  /** A legal representative who consents for the subject. */
  givenBy?: GivenBy;
  /** With an API token only: whose acceptance. */
  subject?: string;
}

export interface WithdrawInput {
  reason?: string;
  source?: string;
  /** The purposes withdrawn; all when absent. */
  purposes?: string[];
  subject?: string;
}

/** Whose consent a call is about: a signed-in user's own; with an API token, the subject it names. */
export function subjectOf(actor: Actor, given: string | undefined): string {
  if (actor.kind === 'user') {
    if (given !== undefined) {
      throw new errors.ForbiddenError('A signed-in user acts for themselves: "subject" is only for calls with an API token');
    }
    return actor.userId;
  }
  if (given === undefined) throw new errors.ValidationError('A call with an API token must name the "subject" (your user id, a string)');
  return given;
}

/** The User-Agent is stored as evidence, cut to the column and stripped of control characters. */
const headerText = (value: string | null) => (value ? value.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 255) : null);

/**
 * The acceptance ledger: who accepted which exact text, in which language, when and how; withdrawals; and
 * erasure. Every change goes through the chain writer, which serialises appends in the database.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = acceptancesRepository(strapi);
  const releases = releasesRepository(strapi);
  const config = () => getConfig(strapi).ledger;
  const writer = createChainWriter(strapi, repository, {
    countUpTo: () => config().maxEventsPerSubject,
    log: () => getService(strapi, 'transparency-log'),
  });
  const timeline = () => getService(strapi, 'timeline');
  // Sent once the writer's promise settles, which is after its transaction committed.
  const webhooks = () => getService(strapi, 'webhooks');

  /** The version a subject may accept now: published, not withdrawn, and the one in force or the next one. */
  function acceptableVersion(found: Timeline, version: number, now: Date): TimelineEntry {
    const entry = found.entries.find((candidate) => candidate.version === version);
    const current = versionInForce(found.entries, now);
    const upcoming = upcomingVersion(found.entries, now);
    const details = { policy: found.policy.key, version, currentVersion: current?.version ?? null, upcomingVersion: upcoming?.version ?? null };
    if (!entry) throw new errors.NotFoundError(`Policy "${found.policy.key}" has no published version ${version}`, details);
    if (entry.withdrawnAt) {
      throw conflictError(`Version ${version} of "${found.policy.key}" was withdrawn and cannot be accepted`, details);
    }
    if (entry.version !== current?.version && entry.version !== upcoming?.version) {
      throw conflictError(
        current
          ? `Version ${version} of "${found.policy.key}" is not the current one: show version ${current.version} and accept that`
          : `Version ${version} of "${found.policy.key}" is not the next one to take effect`,
        details
      );
    }
    return entry;
  }

  const signing = () => getService(strapi, 'signing');

  /** The purposes a version's consent terms name. */
  const purposeRules = (entry: TimelineEntry): PurposeRule[] => entry.purposes;

  /**
   * The record as the API shows it, its receipt, and the receipt signed (null without a signing key). `terms` are
   * those of the version it names, which the receipt carries (domain/ledger/receipt.ts).
   */
  const withReceipt = (record: StoredRecord, terms: ConsentTermsDraft | null = null) => {
    const data = toPublicRecord(record);
    const receipt = buildReceipt(data, config().controller, config().policyUrl, record.seq - 1, terms);
    return { data, receipt, receiptJws: signing().signReceipt(receipt) };
  };

  /** The consent terms of the version a stored record names, from the timeline's cache. */
  async function termsOf(record: StoredRecord): Promise<ConsentTermsDraft | null> {
    if (record.policy === null || record.version === null) return null;
    const found = await timeline().get(record.policy);
    return found?.entries.find((entry) => entry.version === record.version)?.consent ?? null;
  }

  /**
   * For the bootstrap, the scheduler and every publication: brings the transparency log up to the chain (the
   * first boot after the upgrade builds it over every existing record), appends the publication events the
   * releases call for and the log lacks (domain/ledger/log-events.ts), and signs a checkpoint when one is
   * due, or with `force`.
   */
  async function updateLog(force = false) {
    const log = getService(strapi, 'transparency-log');
    const head = await repository.readHead();
    const behind = (head?.seq ?? 0) - (await log.leafCount());
    if (behind > 0) strapi.log.info(`policy-versions: building the transparency log over ${behind} existing ledger records`);
    // Read before the writer's transaction: on SQLite a read outside it would wait for its one connection.
    const policies = await Promise.all(
      (await getService(strapi, 'policies').findAll()).map(async (policy) => ({
        key: policy.key,
        titles: policy.titles,
        releases: (await releases.findByPolicy(policy.key)).map((release) => ({ ...release, texts: release.texts as LoggedRelease['texts'] })),
      }))
    );
    const logged = await writer.run(async (batch) => {
      const missing = missingPublicationEvents(policies, await batch.publicationEvents());
      for (const event of missing) batch.append({ ...event, id: randomUUID() });
      // Unless forced, the log decides by the last checkpoint it finds inside the transaction.
      batch.requestCheckpoint(force || behind > 0 ? 'always' : 'due');
      return missing.length;
    });
    if (logged > 0) strapi.log.info(`policy-versions: ${logged} publication events added to the ledger`);
    if (behind > 0) strapi.log.info(`policy-versions: the transparency log covers the ${head?.seq} ledger records; a first checkpoint is signed`);
  }

  return {
    /** A stored record as the API shows it, its Kantara receipt, and the receipt signed (null without a signing key). */
    /** As withReceipt, with the terms of the version the record names. */
    async receiptOf(record: StoredRecord) {
      return withReceipt(record, await termsOf(record));
    },

    async accept(key: string, input: AcceptInput, actor: Actor, request: RequestInfo) {
      const subject = subjectOf(actor, input.subject);
      const { locale } = input;
      const metadata = input.metadata === undefined ? null : canonicalJson(input.metadata);
      const found = await timeline().require(key);
      const entry = acceptableVersion(found, input.version, new Date());
      if (!entry.locales.includes(locale)) {
        throw new errors.ValidationError(`Version ${entry.version} of "${key}" has no text in "${locale}"`, {
          locale,
          available: entry.locales,
        });
      }
      const text = await timeline().requireText(entry, locale);
      if (input.contentHash !== undefined && input.contentHash !== text.contentHash) {
        throw conflictError(`The text shown is not version ${entry.version} in "${locale}": its hash differs. Re-fetch and show it again.`, {
          policy: key,
          version: entry.version,
          locale,
          contentHash: text.contentHash,
        });
      }

      const given = acceptedPurposes(purposeRules(entry), input.purposes);
      if ('problem' in given) throw new errors.ValidationError(purposeProblemMessage(given.problem, entry.version), { purposes: given.problem });
      const ip = recordedIp(request.ip, config().ip);
      const outcome = await writer.run(async (batch) => {
        const latest = await batch.latestOf(subject, key);
        const same = consentState(latest.events).active.find((record) => record.version === entry.version && record.locale === locale);
        if (same) return { created: false, record: same };
        // Only new acceptances are refused at the limit: a repeat writes nothing, and a withdrawal stays possible.
        const limit = config().maxEventsPerSubject;
        if (latest.count >= limit) {
          throw httpError(429, `This subject already has ${limit} ledger events for "${key}", the most ledger.maxEventsPerSubject allows; nothing was recorded`, {
            policy: key,
            limit: 'ledger.maxEventsPerSubject',
            maxEventsPerSubject: limit,
          });
        }
        const record = batch.append({
          id: randomUUID(),
          subject,
          policy: key,
          version: entry.version,
          locale,
          contentHash: text.contentHash,
          event: 'accepted',
          ip,
          userAgent: headerText(request.userAgent),
          acceptLanguage: preferredLocale(request.acceptLanguage),
          source: input.source ?? null,
          metadata,
          purposes: given.purposes,
          givenBy: input.givenBy === undefined ? null : canonicalJson(input.givenBy),
        });
        return { created: true, record };
      }, { subject, policy: key });
      if (outcome.created) webhooks().recorded(outcome.record);
      return { created: outcome.created, ...withReceipt(outcome.record, entry.consent) };
    },

    async withdraw(key: string, input: WithdrawInput, actor: Actor, request: RequestInfo) {
      const subject = subjectOf(actor, input.subject);
      const found = await timeline().require(key);
      const ip = recordedIp(request.ip, config().ip);
      const outcome = await writer.run(async (batch) => {
        const { events } = await batch.latestOf(subject, key);
        const last = events.at(-1);
        const state = consentState(events);
        const { accepted } = state;
        if (!accepted) {
          if (last?.event === 'withdrawn') return { created: false, record: last };
          throw conflictError(`There is no acceptance of "${key}" to withdraw for this subject`, { policy: key });
        }
        const entry = found.entries.find((candidate) => candidate.version === accepted.version);
        const asked = withdrawnPurposes(entry ? purposeRules(entry) : [], input.purposes);
        if ('problem' in asked) throw new errors.ValidationError(purposeProblemMessage(asked.problem, accepted.version ?? 0), { purposes: asked.problem });
        // Withdrawing purposes that no longer stand changes nothing.
        if (asked.purposes !== null && (JSON.parse(asked.purposes) as string[]).every((id) => state.purposes?.[id] === false)) {
          return { created: false, record: last as StoredRecord };
        }
        const record = batch.append({
          id: randomUUID(),
          subject,
          policy: key,
          version: accepted.version,
          locale: accepted.locale,
          contentHash: accepted.contentHash,
          event: 'withdrawn',
          ip,
          userAgent: headerText(request.userAgent),
          acceptLanguage: preferredLocale(request.acceptLanguage),
          source: input.source ?? null,
          metadata: input.reason === undefined ? null : canonicalJson({ reason: input.reason }),
          purposes: asked.purposes,
          givenBy: null,
        });
        return { created: true, record };
      }, { subject, policy: key });
      if (outcome.created) webhooks().recorded(outcome.record);
      return { created: outcome.created, ...withReceipt(outcome.record, await termsOf(outcome.record)) };
    },

    async status(key: string, subject: string) {
      const found = await timeline().require(key);
      const now = new Date();
      const upcoming = upcomingVersion(found.entries, now);
      const state = consentState(await repository.forSubject(subject, key));
      const points = found.entries.map((entry) => ({
        version: entry.version,
        material: entry.material,
        withdrawn: entry.withdrawnAt !== null,
        effectiveAt: entry.effectiveAt,
      }));
      const decision = consentStatus(state, points, now);
      const shown = decision.acceptance;
      // With the acceptances recorded so far: will the subject have to accept once the next version takes effect?
      const mustAcceptUpcoming = upcoming ? consentStatus(state, points, upcoming.effectiveAt).mustAccept : false;
      return {
        policy: key,
        currentVersion: decision.currentVersion,
        acceptedVersion: shown?.version ?? null,
        acceptedAt: shown?.recordedAt ?? null,
        locale: shown?.locale ?? null,
        withdrawn: state.withdrawn,
        purposes: shown && shown === state.accepted ? state.purposes : null,
        mustAccept: decision.mustAccept,
        reason: decision.reason,
        upcoming: upcoming
          ? {
              version: upcoming.version,
              effectiveAt: upcoming.effectiveAt.toISOString(),
              material: upcoming.material,
              accepted: state.active.some((record) => record.version === upcoming.version),
              mustAccept: mustAcceptUpcoming,
            }
          : null,
        // Notice of a change: nothing to accept now, but a material version is scheduled that this consent will not cover.
        pending:
          upcoming && upcoming.material && mustAcceptUpcoming && !decision.mustAccept
            ? { version: upcoming.version, effectiveAt: upcoming.effectiveAt.toISOString() }
            : null,
      };
    },

    /** A subject's records, of one policy or all, in chain order, each with its signed receipt. */
    async history(subject: string, policy?: string): Promise<Array<PublicRecord & { receiptJws: string | null }>> {
      const records = await repository.forSubject(subject, policy);
      return Promise.all(
        records.map(async (record) => {
          const { data, receiptJws } = withReceipt(record, await termsOf(record));
          return { ...data, receiptJws };
        })
      );
    },

    /**
     * Erasure on request: every record of the subject is pseudonymised in place (subject replaced by
     * `erased:<id of the erasure event>`, IP, user agent, metadata and identity salt cleared) and an
     * `erased` event is appended; digests and hashes stay, so the chain verifies. See domain/ledger/chain.ts.
     */
    async erase(subject: string, admin?: AuditAdmin) {
      return writer.run(async (batch) => {
        await batch.flush();
        const records = await batch.eventsOf(subject);
        if (records.length === 0) throw new errors.NotFoundError('The ledger has no records of this subject');
        const id = randomUUID();
        const pseudonym = `${ERASED_PREFIX}${id}`;
        const event = batch.append({
          id,
          subject: pseudonym,
          policy: null,
          version: null,
          locale: null,
          contentHash: null,
          event: 'erased',
          ip: null,
          userAgent: null,
          acceptLanguage: null,
          source: 'erasure-request',
          metadata: canonicalJson({ erasedRecords: records.length }),
          purposes: null,
          givenBy: null,
        });
        // In the same transaction: an erasure is never without the record of who asked for it.
        if (admin) batch.append({ ...auditEvent('erasure', admin, { pseudonym, erasedRecords: records.length }), id: randomUUID() });
        await batch.flush();
        await repository.erase(records.map((record) => record.seq), pseudonym);
        const { data, receipt, receiptJws } = withReceipt(event);
        return { data, meta: { erasedRecords: records.length, pseudonym, receipt, receiptJws } };
      });
    },

    /**
     * For the bootstrap: the chain's head row must exist before the first append. Missing over existing records,
     * it is not re-created (that would fork the chain): the boot goes on, so the chain can be verified, appends
     * answer 503, and the log says what to do.
     */
    async ensureChain() {
      if (!(await repository.ensureHead())) strapi.log.error(headAlarm('head-missing'));
    },

    updateLog,

    /**
     * Appends an audit event: `admin` did `action` to the evidence (domain/ledger/log-events.ts auditEvent). The
     * action itself is not held back when the ledger refuses appends (a broken chain must stay exportable and
     * verifiable): the event then goes to the server log as an error instead.
     */
    async audit(action: AuditAction, admin: AuditAdmin, details: Record<string, unknown> = {}) {
      try {
        await writer.run(async (batch) => void batch.append({ ...auditEvent(action, admin, details), id: randomUUID() }));
      } catch (error) {
        strapi.log.error(
          `policy-versions: the audit event of admin ${admin.id} (${action} ${JSON.stringify(details)}) could not be added to the ledger: ${(error as Error).message}`
        );
      }
    },

    /**
     * After a publication, a withdrawal or a new policy committed: logs it now. The release stands whatever
     * happens here; a failure is logged and the next update (the scheduler's, or the next boot's) adds the event.
     */
    async logPublications() {
      try {
        await updateLog();
      } catch (error) {
        strapi.log.error(`policy-versions: the publication could not be added to the ledger yet (retried by the scheduler and at boot): ${(error as Error).message}`);
      }
    },
  };
};
