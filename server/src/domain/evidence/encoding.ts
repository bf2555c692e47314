/**
 * Strict decoders. Every encoded value in the evidence (hashes, signatures, keys) must have exactly one
 * accepted spelling: Node's own decoders skip foreign characters and ignore stray bits, so two different
 * strings could stand for the same bytes, and a verifier would accept a text that was altered. Each decoder
 * here re-encodes what it decoded and refuses the input unless it comes back identical.
 */

const HEX = /^(?:[0-9a-f]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Lowercase hex, even length, nothing else; null when the text is not that. */
export function decodeHex(text: string): Buffer | null {
  return HEX.test(text) ? Buffer.from(text, 'hex') : null;
}

/** RFC 4648 section 4 base64 with its padding, in canonical form; null otherwise. */
export function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** RFC 4648 section 5 base64url without padding (as JOSE writes it), in canonical form; null otherwise. */
export function decodeBase64url(text: string): Buffer | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a JS string is well-formed Unicode, so that it has one UTF-8 encoding to sign and hash. */
export const isWellFormed = (text: string) => !LONE_SURROGATE.test(text);

/** UTF-8 bytes to text, refusing invalid sequences instead of replacing them with U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
