import { canonicalJson } from '../../server/src/domain/ledger/canonical';
import { MAX_METADATA_DEPTH, metadataProblem } from '../../server/src/domain/ledger/metadata';

const limits = { maxDepth: MAX_METADATA_DEPTH, maxBytes: 4096 };

/** `depth` objects nested in one another, the innermost holding `leaf`. */
const nested = (depth: number, leaf: unknown = 1): Record<string, unknown> => {
  let value: Record<string, unknown> = { a: leaf };
  for (let level = 1; level < depth; level += 1) value = { a: value };
  return value;
};

describe('metadataProblem', () => {
  it('passes JSON objects up to the depth limit', () => {
    expect(metadataProblem({ form: 'signup', n: 1, ok: true, none: null, list: [1, 'two', [3]] }, limits)).toBeNull();
    expect(metadataProblem(nested(MAX_METADATA_DEPTH), limits)).toBeNull();
    // Scalars below the deepest container are no deeper level.
    expect(metadataProblem(nested(MAX_METADATA_DEPTH, [1, 2]).a, limits)).toBeNull();
  });

  it('stops one level past the limit, naming where', () => {
    expect(metadataProblem(nested(MAX_METADATA_DEPTH + 1), limits)).toEqual({
      kind: 'too-deep',
      path: `metadata${'.a'.repeat(MAX_METADATA_DEPTH)}`,
      maxDepth: MAX_METADATA_DEPTH,
    });
    expect(metadataProblem({ list: [[{ x: [] }]] }, { ...limits, maxDepth: 4 })).toEqual({ kind: 'too-deep', path: 'metadata.list[0][0].x', maxDepth: 4 });
  });

  it('walks 20,000 levels of objects or arrays without recursing', () => {
    let arrays: unknown = [];
    for (let level = 0; level < 20_000; level += 1) arrays = [arrays];
    expect(() => canonicalJson({ a: arrays })).toThrow(RangeError);
    expect(metadataProblem({ a: arrays }, limits)).toMatchObject({ kind: 'too-deep' });
    expect(metadataProblem(nested(20_000), limits)).toMatchObject({ kind: 'too-deep' });
    expect(metadataProblem(nested(20_000), { maxDepth: 100_000, maxBytes: 1_000_000 })).toBeNull();
  });

  it('counts exactly the UTF-8 bytes of the canonical form', () => {
    const values = [
      {},
      { a: [] },
      { a: [1, 2, 3], b: {} },
      { 'ключ': 'значение', emoji: '😀', quote: '"\\', control: '\u0001\n', n: -0.5, big: 1e21, t: true, f: false, z: null },
      { skipped: undefined, kept: [null, { y: 2, x: 'ž' }] },
      { deep: nested(10, ['a', { b: 'c' }]) },
    ];
    for (const value of values) {
      const bytes = Buffer.byteLength(canonicalJson(value));
      expect(metadataProblem(value, { ...limits, maxBytes: bytes })).toBeNull();
      expect(metadataProblem(value, { ...limits, maxBytes: bytes - 1 })).toEqual({ kind: 'too-large', maxBytes: bytes - 1 });
    }
  });

  it('stops at a container too wide for the limit before looking at its members', () => {
    const wide = { list: Array.from({ length: 100_000 }, () => ({ [`k${'\ud800'}`]: 1 })) };
    expect(metadataProblem(wide, limits)).toEqual({ kind: 'too-large', maxBytes: 4096 });
  });

  it('refuses a lone surrogate in a key or a string, naming its path', () => {
    expect(metadataProblem({ form: { label: 'a\ud800' } }, limits)).toEqual({ kind: 'not-well-formed', path: 'metadata.form.label' });
    expect(metadataProblem({ list: ['ok', '\udc00'] }, limits)).toEqual({ kind: 'not-well-formed', path: 'metadata.list[1]' });
    expect(metadataProblem({ 'two words': { ['k\udbff']: 1 } }, limits)).toEqual({
      kind: 'not-well-formed',
      path: 'metadata["two words"]["k\\udbff"]',
    });
    expect(metadataProblem({ pair: '😀' }, limits)).toBeNull();
  });

  it('refuses what is not a JSON object, and values JSON has no form for', () => {
    for (const value of [[], 'text', 1, true]) expect(metadataProblem(value, limits)).toEqual({ kind: 'not-object' });
    expect(metadataProblem({ n: Number.NaN }, limits)).toEqual({ kind: 'not-json', path: 'metadata.n' });
    expect(metadataProblem({ n: Infinity }, limits)).toEqual({ kind: 'not-json', path: 'metadata.n' });
    expect(metadataProblem({ list: [undefined] }, limits)).toEqual({ kind: 'not-json', path: 'metadata.list[0]' });
    expect(metadataProblem({ f: () => 1 }, limits)).toEqual({ kind: 'not-json', path: 'metadata.f' });
    expect(metadataProblem({ big: BigInt(1) }, limits)).toEqual({ kind: 'not-json', path: 'metadata.big' });
  });
});
