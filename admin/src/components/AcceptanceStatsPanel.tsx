import { Box, Flex, Grid, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { AcceptanceStats } from '../../../shared/contracts/ledger';
import { useT } from '../hooks/useT';
import { AcceptanceChart } from './AcceptanceChart';
import { StatFigure } from './StatFigure';
import { TableHead } from './TableHead';

/** Who is on which version: totals, the share on the version in force, counts per version and locale, and the daily chart. */
export const AcceptanceStatsPanel = ({ stats }: { stats: AcceptanceStats }) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const share = stats.subjectsTotal > 0 ? stats.subjectsOnCurrent / stats.subjectsTotal : 0;
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <StatFigure label={t('acceptances.subjects')} value={formatNumber(stats.subjectsTotal)} testId="subjects-total" />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <StatFigure
            label={stats.currentVersion === null ? t('acceptances.on-current.none') : t('acceptances.on-current', { version: stats.currentVersion })}
            value={formatNumber(stats.subjectsOnCurrent)}
            testId="subjects-on-current"
          />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <StatFigure label={t('acceptances.share')} value={formatNumber(share, { style: 'percent', maximumFractionDigits: 1 })} testId="share-on-current" />
        </Grid.Item>
      </Grid.Root>
      <Box padding={4} background="neutral0" hasRadius shadow="tableShadow">
        <Typography variant="delta" tag="h3">
          {t('acceptances.chart')}
        </Typography>
        <Box paddingTop={3}>
          <AcceptanceChart daily={stats.daily} />
        </Box>
      </Box>
      <Table colCount={4} rowCount={stats.perVersionLocale.length + 1} data-testid="per-version-locale">
        <TableHead labels={[t('acceptances.column.version'), t('acceptances.column.locale'), t('acceptances.event.accepted'), t('acceptances.event.withdrawn')]} />
        <Tbody>
          {stats.perVersionLocale.map((row) => (
            <Tr key={`${row.version}-${row.locale}`}>
              <Td><Typography>v{row.version}</Typography></Td>
              <Td><Typography>{row.locale.toUpperCase()}</Typography></Td>
              <Td><Typography>{formatNumber(row.accepted)}</Typography></Td>
              <Td><Typography>{formatNumber(row.withdrawn)}</Typography></Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Flex>
  );
};
