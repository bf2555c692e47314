import { LruCache } from '../../server/src/utils/lru';

describe('LruCache', () => {
  it('evicts the least recently used entry past the entry bound', () => {
    const cache = new LruCache<number>(2, 100);
    cache.set('a', 1, 1);
    cache.set('b', 2, 1);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3, 1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('evicts as many old entries as it takes to stay within the weight bound', () => {
    const cache = new LruCache<string>(10, 10);
    cache.set('a', 'a', 4);
    cache.set('b', 'b', 4);
    cache.set('c', 'c', 8);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, 'c']);
    expect(cache.weight).toBe(8);
  });

  it('does not store a value heavier than the whole cache, and drops what that key held', () => {
    const cache = new LruCache<string>(10, 10);
    cache.set('a', 'small', 2);
    cache.set('a', 'huge', 11);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.weight).toBe(0);
  });

  it('replaces a key without counting its weight twice', () => {
    const cache = new LruCache<string>(10, 10);
    cache.set('a', 'one', 6);
    cache.set('a', 'two', 6);
    expect(cache.get('a')).toBe('two');
    expect(cache.weight).toBe(6);
    expect(cache.size).toBe(1);
  });
});
