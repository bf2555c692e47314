import { refreshAheadCache } from '../../server/src/utils/refresh-ahead';

/** A loader whose reads the test settles by hand, and a clock it moves. */
function setup(ttl = 1000) {
  let clock = 0;
  const reads: Array<{ key: string; resolve: (value: string) => void; reject: (error: Error) => void }> = [];
  const cache = refreshAheadCache<string>({
    load: (key) => new Promise((resolve, reject) => reads.push({ key, resolve, reject })),
    ttlMs: () => ttl,
    maxEntries: 2,
    now: () => clock,
  });
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { cache, reads, flush, at: (ms: number) => (clock = ms) };
}

describe('refresh-ahead cache', () => {
  it('shares one read between callers and serves it until half the TTL without reading again', async () => {
    const { cache, reads, at } = setup();
    const first = cache.get('a');
    expect(cache.get('a')).toBe(first);
    reads[0].resolve('v1');
    at(499);
    await expect(cache.get('a')).resolves.toBe('v1');
    expect(reads).toHaveLength(1);
  });

  it('starts the next read past half the TTL and keeps answering from memory meanwhile', async () => {
    const { cache, reads, flush, at } = setup();
    cache.get('a');
    reads[0].resolve('v1');
    at(500);
    await expect(cache.get('a')).resolves.toBe('v1');
    expect(reads).toHaveLength(2);
    at(600);
    await expect(cache.get('a')).resolves.toBe('v1');
    expect(reads).toHaveLength(2);
    reads[1].resolve('v2');
    await flush();
    await expect(cache.get('a')).resolves.toBe('v2');
    // The new value's age counts from when its read began (500): it expires at 1500, not 1600.
    at(1499);
    cache.get('a');
    expect(reads).toHaveLength(3);
  });

  it('never serves a value whose read began a TTL ago or more', async () => {
    const { cache, reads, at } = setup();
    cache.get('a');
    reads[0].resolve('v1');
    at(1000);
    const next = cache.get('a');
    expect(reads).toHaveLength(2);
    reads[1].resolve('v2');
    await expect(next).resolves.toBe('v2');
  });

  it('lets an expired value hand over to the read started ahead, if that read is still fresh', async () => {
    const { cache, reads, at } = setup();
    cache.get('a');
    reads[0].resolve('v1');
    at(700);
    cache.get('a'); // starts read 2 at 700
    at(1100);
    const waited = cache.get('a');
    expect(reads).toHaveLength(2);
    reads[1].resolve('v2');
    await expect(waited).resolves.toBe('v2');
  });

  it('does not wait for a read started ahead that has itself grown stale', async () => {
    const { cache, reads, at } = setup();
    cache.get('a');
    reads[0].resolve('v1');
    at(600);
    cache.get('a'); // read 2, which never settles
    at(1700);
    cache.get('a');
    expect(reads).toHaveLength(3);
  });

  it('drops a failed read, so the next call reads again', async () => {
    const { cache, reads, flush } = setup();
    const failing = cache.get('a');
    reads[0].reject(new Error('database down'));
    await expect(failing).rejects.toThrow('database down');
    await flush();
    cache.get('a');
    expect(reads).toHaveLength(2);
  });

  it('keeps the current value when a read ahead fails', async () => {
    const { cache, reads, flush, at } = setup();
    cache.get('a');
    reads[0].resolve('v1');
    at(800);
    cache.get('a');
    reads[1].reject(new Error('timeout'));
    await flush();
    at(900);
    await expect(cache.get('a')).resolves.toBe('v1');
  });

  it('forgets a key on invalidation, including a read under way that began before it', async () => {
    const { cache, reads, flush, at } = setup();
    cache.get('a');
    reads[0].resolve('v1');
    at(600);
    cache.get('a'); // read 2 began before the write that invalidates
    cache.invalidate('a');
    reads[1].resolve('stale');
    await flush();
    const after = cache.get('a');
    expect(reads).toHaveLength(3);
    reads[2].resolve('v2');
    await expect(after).resolves.toBe('v2');
  });

  it('holds at most maxEntries keys', async () => {
    const { cache, reads } = setup();
    for (const key of ['a', 'b', 'c']) cache.get(key);
    cache.get('a');
    expect(reads.map((read) => read.key)).toEqual(['a', 'b', 'c', 'a']);
  });
});
