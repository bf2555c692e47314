import { useGetPolicyQuery, useListPolicyVersionsQuery } from '../services/api';

/** A policy's summary (title, required locales, current and upcoming) with all its versions, newest first. */
export const usePolicy = (key: string) => {
  const policy = useGetPolicyQuery(key);
  const versions = useListPolicyVersionsQuery(key);
  return { policy: policy.data, versions: versions.data, isLoading: policy.isLoading || versions.isLoading };
};
