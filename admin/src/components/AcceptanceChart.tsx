import { Box, Flex, Typography } from '@strapi/design-system';
import { useTheme } from 'styled-components';
import type { AcceptanceStats } from '../../../shared/contracts/ledger';
import { useT } from '../hooks/useT';
import { dailySeries } from '../utils/dailySeries';

const WIDTH = 720;
const HEIGHT = 160;
// A handful of days should still look like bars, not a wall.
const MAX_BAR = 24;
const AXIS = 28;

/**
 * Acceptances and withdrawals per day as stacked bars, drawn as plain SVG: a few dozen rectangles need no
 * chart library. Each bar carries a <title> with the exact numbers.
 */
export const AcceptanceChart = ({ daily: events }: { daily: AcceptanceStats['daily'] }) => {
  const t = useT();
  const theme = useTheme();
  if (events.length === 0) return <Typography textColor="neutral600">{t('acceptances.chart.empty')}</Typography>;

  const daily = dailySeries(events, new Date());
  const max = Math.max(1, ...daily.map((day) => day.accepted + day.withdrawn));
  const plot = HEIGHT - AXIS;
  const slot = (WIDTH - AXIS) / daily.length;
  const bar = Math.min(MAX_BAR, Math.max(1, slot * 0.7));
  const y = (value: number) => (value / max) * plot;

  return (
    <Box>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={t('acceptances.chart.label')}
        data-testid="acceptance-chart"
      >
        <line x1={AXIS} y1={plot} x2={WIDTH} y2={plot} stroke={theme.colors.neutral300} />
        <text x={AXIS - 4} y={10} textAnchor="end" fontSize="10" fill={theme.colors.neutral600}>
          {max}
        </text>
        <text x={AXIS - 4} y={plot} textAnchor="end" fontSize="10" fill={theme.colors.neutral600}>
          0
        </text>
        {daily.map((day, index) => {
          const x = AXIS + index * slot + (slot - bar) / 2;
          const accepted = y(day.accepted);
          const withdrawn = y(day.withdrawn);
          return (
            <g key={day.date}>
              <title>{t('acceptances.chart.bar', { date: day.date, accepted: day.accepted, withdrawn: day.withdrawn })}</title>
              <rect x={x} y={plot - accepted} width={bar} height={accepted} fill={theme.colors.success500} />
              <rect x={x} y={plot - accepted - withdrawn} width={bar} height={withdrawn} fill={theme.colors.danger500} />
            </g>
          );
        })}
        <text x={AXIS} y={HEIGHT - 6} fontSize="10" fill={theme.colors.neutral600}>
          {daily[0].date}
        </text>
        <text x={WIDTH} y={HEIGHT - 6} textAnchor="end" fontSize="10" fill={theme.colors.neutral600}>
          {daily[daily.length - 1].date}
        </text>
      </svg>
      <Flex gap={4} paddingTop={2}>
        <Typography variant="pi" style={{ color: theme.colors.success600 }}>■ {t('acceptances.event.accepted')}</Typography>
        <Typography variant="pi" style={{ color: theme.colors.danger600 }}>■ {t('acceptances.event.withdrawn')}</Typography>
      </Flex>
    </Box>
  );
};
