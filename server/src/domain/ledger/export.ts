import { csvCell, csvRow } from './csv';
import type { StoredRecord } from './types';

/** Every field of a record, in export order; `position` is the record's place in the chain. */
export const EXPORT_COLUMNS = [
  'position', 'id', 'subject', 'policy', 'version', 'locale', 'contentHash', 'event', 'recordedAt', 'ip', 'userAgent',
  'acceptLanguage', 'source', 'metadata', 'purposes', 'givenBy', 'identitySalt', 'identityDigest', 'prevHash', 'hash',
] as const;

type Column = (typeof EXPORT_COLUMNS)[number];

const FIELD_OF: Record<Column, keyof StoredRecord> = {
  position: 'seq', id: 'id', subject: 'subject', policy: 'policy', version: 'version', locale: 'locale',
  contentHash: 'contentHash', event: 'event', recordedAt: 'recordedAt', ip: 'ip', userAgent: 'userAgent',
  acceptLanguage: 'acceptLanguage', source: 'source', metadata: 'metadata', purposes: 'purposes', givenBy: 'givenBy', identitySalt: 'identitySalt',
  identityDigest: 'identityDigest', prevHash: 'prevHash', hash: 'hash',
};
const FIELDS = EXPORT_COLUMNS.map((column) => FIELD_OF[column]);
// Stored as the canonical JSON text the ledger wrote, so embedded as they are.
const JSON_TEXT = new Set<keyof StoredRecord>(['metadata', 'purposes', 'givenBy']);
// `"name":` for each column, built once: a line is then only its values' text.
const JSON_KEYS = EXPORT_COLUMNS.map((column, index) => `${index === 0 ? '{' : ','}${JSON.stringify(column)}:`);

/*
 * The export writes millions of rows, so a line is concatenated straight from the stored record, with no
 * intermediate objects: every object that outlives a young-generation collection is promoted, and the old
 * generation then grows by hundreds of megabytes before V8 collects it. `metadata`, `purposes` and `givenBy` are
 * stored as the canonical JSON text the ledger wrote, so they are embedded as they are.
 */

/** One NDJSON line: a JSON object with every export column, the JSON-text ones as JSON. */
export function ndjsonLine(record: StoredRecord): string {
  let line = '';
  for (let i = 0; i < FIELDS.length; i += 1) {
    const value = record[FIELDS[i]];
    line += JSON_KEYS[i];
    line += value === null || value === undefined ? 'null' : JSON_TEXT.has(FIELDS[i]) || typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
  return `${line}}\n`;
}

export const CSV_HEADER = csvRow(EXPORT_COLUMNS);

/** One CSV row in the header's column order; the JSON-text columns as their text. */
export function csvLine(record: StoredRecord): string {
  let line = '';
  for (let i = 0; i < FIELDS.length; i += 1) {
    if (i > 0) line += ',';
    line += csvCell(record[FIELDS[i]]);
  }
  return `${line}\r\n`;
}
