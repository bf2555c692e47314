import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, isRouteMissing } from '../utils/errors';

export interface RemoteData<T> {
  data: T | undefined;
  loading: boolean;
  /** The server's message when the call failed. */
  error: string | null;
  /** The route does not exist on this server (yet): screens show a "not available" state, not an error. */
  missing: boolean;
  reload: () => void;
}

/**
 * Loads data when `deps` change and on `reload()`. Answers to superseded requests are dropped, so a
 * slow early response never overwrites a newer one.
 */
export function useRemoteData<T>(load: (() => Promise<T>) | null, deps: unknown[]): RemoteData<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(load !== null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (!load) {
      setLoading(false);
      return;
    }
    const request = ++latest.current;
    setLoading(true);
    load().then(
      (result) => {
        if (request !== latest.current) return;
        setData(result);
        setError(null);
        setMissing(false);
        setLoading(false);
      },
      (failure: unknown) => {
        if (request !== latest.current) return;
        setMissing(isRouteMissing(failure));
        setError(errorMessage(failure));
        setLoading(false);
      }
    );
    // `load` is a fresh closure each render; `deps` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation, load === null]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, loading, error, missing, reload };
}
