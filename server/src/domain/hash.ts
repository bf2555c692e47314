import { createHash } from 'node:crypto';

// Editors and OSes differ in Unicode composition and line endings; neither changes what the policy says.
export function normalizeBody(markdown: string): string {
  return markdown.normalize('NFC').replace(/\r\n?/g, '\n');
}

export function contentHash(markdown: string): string {
  return `sha256:${createHash('sha256').update(normalizeBody(markdown), 'utf8').digest('hex')}`;
}
