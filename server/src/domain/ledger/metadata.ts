import { isWellFormed } from '../../../../shared/unicode';

/** How deep `metadata` may nest: the object itself is level 1. */
export const MAX_METADATA_DEPTH = 32;

export type MetadataProblem =
  | { kind: 'not-object' }
  | { kind: 'too-deep'; path: string; maxDepth: number }
  | { kind: 'too-large'; maxBytes: number }
  | { kind: 'not-well-formed'; path: string }
  | { kind: 'not-json'; path: string };

interface Entry {
  value: unknown;
  path: string;
  depth: number;
}

// A member's path as a reader writes it: metadata.form, metadata["two words"].
const name = (path: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

/**
 * What is wrong with a request's `metadata`, found before it is canonicalised, or null. canonicalJson
 * recurses; this walk keeps its own stack, so 20,000 nested objects (which JSON.parse reads fine) stop at
 * level `maxDepth + 1` instead of overflowing the call stack. It adds up the UTF-8 length of the canonical
 * form as it goes and stops once past `maxBytes`: every value adds at least a byte, so it looks at about
 * `maxBytes` values, plus the members of the one container that crosses the limit, whatever the body holds.
 * Keys and strings must be well-formed Unicode, numbers finite, and nothing else but JSON values.
 */
export function metadataProblem(metadata: unknown, limits: { maxDepth: number; maxBytes: number }): MetadataProblem | null {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return { kind: 'not-object' };
  const stack: Entry[] = [{ value: metadata, path: 'metadata', depth: 1 }];
  let bytes = 0;
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { value, path, depth } = entry;
    const children: Entry[] = [];
    if (typeof value === 'string') {
      if (!isWellFormed(value)) return { kind: 'not-well-formed', path };
      bytes += Buffer.byteLength(JSON.stringify(value));
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { kind: 'not-json', path };
      bytes += JSON.stringify(value).length;
    } else if (typeof value === 'boolean' || value === null) {
      bytes += String(value).length;
    } else if (typeof value === 'object') {
      if (depth > limits.maxDepth) return { kind: 'too-deep', path, maxDepth: limits.maxDepth };
      if (Array.isArray(value)) {
        value.forEach((item, index) => children.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }));
      } else {
        for (const [key, item] of Object.entries(value)) {
          // canonicalJson leaves out keys whose value is undefined.
          if (item === undefined) continue;
          if (!isWellFormed(key)) return { kind: 'not-well-formed', path: name(path, key) };
          // The key, quoted, and its colon.
          bytes += Buffer.byteLength(JSON.stringify(key)) + 1;
          children.push({ value: item, path: name(path, key), depth: depth + 1 });
        }
      }
      // Brackets and commas.
      bytes += 1 + Math.max(children.length, 1);
    } else {
      return { kind: 'not-json', path };
    }
    // Checked before the children are stacked: a container too wide for the limit ends the walk here.
    if (bytes > limits.maxBytes) return { kind: 'too-large', maxBytes: limits.maxBytes };
    for (const child of children) stack.push(child);
  }
  return null;
}
