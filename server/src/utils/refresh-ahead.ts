import { LruCache } from './lru';

/** A read; `startedAt` is when it began, so its result shows the source as of then or later. */
interface Read<V> {
  startedAt: number;
  value: Promise<V>;
}

export interface RefreshAheadOptions<V> {
  load: (key: string) => Promise<V>;
  /** Read at call time, so a configuration change applies at once. */
  ttlMs: () => number;
  maxEntries: number;
  now?: () => number;
}

/**
 * Caches reads for at most `ttlMs` counted from when each read began, which bounds how stale an answer can
 * be. Past half the TTL, a request starts the next read in the background, so under steady traffic the
 * value is replaced before it expires and requests do not all wait for a reload once per TTL. A failed read
 * is never served from memory.
 */
export function refreshAheadCache<V>({ load, ttlMs, maxEntries, now = Date.now }: RefreshAheadOptions<V>) {
  const served = new LruCache<Read<V>>(maxEntries, maxEntries);
  const ahead = new Map<string, Read<V>>();

  const read = (key: string): Read<V> => ({ startedAt: now(), value: load(key) });

  function serve(key: string, next: Read<V>) {
    served.set(key, next, 1);
    next.value.catch(() => {
      if (served.get(key) === next) served.delete(key);
    });
  }

  function readAhead(key: string, current: Read<V>) {
    const next = read(key);
    ahead.set(key, next);
    const settle = (succeeded: boolean) => {
      // After an invalidation, or once an expiry has taken this read over, it is no longer this read's turn.
      if (ahead.get(key) !== next) return;
      ahead.delete(key);
      if (succeeded && served.get(key) === current) serve(key, next);
    };
    next.value.then(() => settle(true), () => settle(false));
  }

  return {
    get(key: string): Promise<V> {
      const current = served.get(key);
      const age = current ? now() - current.startedAt : Infinity;
      if (current && age < ttlMs()) {
        if (age >= ttlMs() / 2 && !ahead.has(key)) readAhead(key, current);
        return current.value;
      }
      // Expired: a read started ahead, if still within the TTL, is fresh enough to wait for.
      const pending = ahead.get(key);
      ahead.delete(key);
      const next = pending && now() - pending.startedAt < ttlMs() ? pending : read(key);
      serve(key, next);
      return next.value;
    },

    /** Forgets `key` (or everything), including a read under way: the next get reads anew. */
    invalidate(key?: string) {
      if (key === undefined) {
        ahead.clear();
        served.clear();
      } else {
        ahead.delete(key);
        served.delete(key);
      }
    },
  };
}
