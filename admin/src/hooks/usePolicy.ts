import { usePolicyApi } from '../api/usePolicyApi';
import type { PolicySummary, VersionRecord } from '../api/types';
import { useRemoteData } from './useRemoteData';

/** A policy's summary (title, required locales, current and upcoming) with all its versions, newest first. */
export const usePolicy = (key: string) => {
  const api = usePolicyApi();
  return useRemoteData<{ policy: PolicySummary; versions: VersionRecord[] }>(async () => {
    const [policies, versions] = await Promise.all([api.listPolicies(), api.listVersions(key)]);
    const policy = policies.find((candidate) => candidate.key === key);
    // listVersions already answers 404 for an unknown key; this guards a policy deleted in between.
    if (!policy) throw new Error(`Policy "${key}" not found`);
    return { policy, versions };
  }, [api, key]);
};
