import type { ConsentTermsDraft } from '../../../../shared/consent-terms';
import { kantaraTerms } from '../consent-terms';
import type { PublicRecord } from './types';

export interface ControllerInfo {
  name: string;
  contact: string;
  address?: string;
  country: string;
}

/** Fills `{policy}`, `{version}` and `{locale}` in the configured policy URL template. */
export const policyUrl = (template: string, record: Pick<PublicRecord, 'policy' | 'version' | 'locale'>) =>
  template.replace(/\{(policy|version|locale)\}/g, (_, name: 'policy' | 'version' | 'locale') =>
    encodeURIComponent(String(record[name] ?? ''))
  );

/**
 * A consent receipt with the fields of the Kantara Consent Receipt 1.1 that apply to a policy acceptance,
 * named as that specification names them (ISO/IEC TS 27560 carries the same information), plus where the
 * record sits in the log: `logIndex` is its 0-based leaf index, as RFC 9162 numbers leaves (chain seq - 1).
 */
/**
 * The purposes a receipt names: those an acceptance gave, those a withdrawal withdrew (all of them for a full one).
 * A record that names none (a version without terms, an erasure) gets no services.
 */
function receiptTerms(record: PublicRecord, terms: ConsentTermsDraft | null) {
  if (!terms || (record.event !== 'accepted' && record.event !== 'withdrawn')) return {};
  const { purposes } = record;
  const named = (id: string) =>
    purposes === null ? record.event === 'withdrawn' : Array.isArray(purposes) ? purposes.includes(id) : purposes[id] === true;
  return kantaraTerms({ ...terms, purposes: (terms.purposes ?? []).filter((purpose) => named(purpose.id)) }, record.locale, record.policy ?? 'policy');
}

/**
 * `terms` are the consent terms of the version the record names, frozen at its publication: with them the receipt
 * carries Kantara's services, purposes, PII categories, termination and third parties, the storage location and the
 * operator's BIN. A representative who consented for the subject is named as `givenBy`.
 */
export function buildReceipt(record: PublicRecord, controller: ControllerInfo, urlTemplate: string, logIndex: number, terms: ConsentTermsDraft | null = null) {
  return {
    ...receiptTerms(record, terms),
    ...(record.givenBy ? { givenBy: record.givenBy } : {}),
    version: 'KI-CR-v1.1.0',
    jurisdiction: controller.country,
    consentTimestamp: Math.floor(Date.parse(record.recordedAt) / 1000),
    consentTimestampIso: record.recordedAt,
    collectionMethod: record.source ?? 'api',
    consentReceiptID: record.id,
    language: record.locale,
    piiPrincipalId: record.subject,
    piiControllers: [
      {
        piiController: controller.name,
        contact: controller.contact,
        ...(controller.address ? { address: controller.address } : {}),
        country: controller.country,
      },
    ],
    policyUrl: policyUrl(urlTemplate, record),
    policyVersion: record.version,
    policyContentHash: record.contentHash,
    event: record.event,
    recordHash: record.hash,
    logIndex,
  };
}
