import { createHash } from 'node:crypto';

// Editors and OSes differ in Unicode composition and line endings; neither changes what the policy says.
export function normalizeBody(markdown: string): string {
  return markdown.normalize('NFC').replace(/\r\n?/g, '\n');
}

export function contentHash(markdown: string): string {
  return `sha256:${createHash('sha256').update(normalizeBody(markdown), 'utf8').digest('hex')}`;
}

const CONTENT_HASH_RE = /^sha256:[0-9a-f]{64}$/;

export function isContentHash(value: unknown): value is string {
  return typeof value === 'string' && CONTENT_HASH_RE.test(value);
}
