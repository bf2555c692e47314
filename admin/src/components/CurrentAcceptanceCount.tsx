import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { usePolicyApi } from '../api/usePolicyApi';
import { useRemoteData } from '../hooks/useRemoteData';
import { useT } from '../hooks/useT';

/** How many subjects accepted the version in force, out of all who ever answered. */
export const CurrentAcceptanceCount = ({ policyKey }: { policyKey: string }) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const api = usePolicyApi();
  const stats = useRemoteData(() => api.stats(policyKey), [api, policyKey]);
  if (!stats.data) return <Typography textColor="neutral500">{stats.loading ? '…' : '—'}</Typography>;
  return (
    <Typography data-testid={`accepted-${policyKey}`}>
      {t('policies.accepted.count', { onCurrent: formatNumber(stats.data.subjectsOnCurrent), total: formatNumber(stats.data.subjectsTotal) })}
    </Typography>
  );
};
