import { Table, Tbody, Td, Tooltip, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Acceptance } from '../api/types';
import { TableHead } from './TableHead';
import { useT } from '../hooks/useT';
import { formatInstant } from '../utils/dates';

/** Ledger records as stored: who, which version and text (hash), when, and from where. */
export const AcceptanceTable = ({ rows }: { rows: Acceptance[] }) => {
  const t = useT();
  const { locale } = useIntl();
  return (
    <Table colCount={7} rowCount={rows.length + 1} data-testid="acceptance-table">
      <TableHead labels={(['recordedAt', 'subject', 'version', 'locale', 'event', 'source', 'hash'] as const).map((column) => t(`acceptances.column.${column}`))} />
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.id}>
            <Td><Typography>{formatInstant(row.recordedAt, locale)}</Typography></Td>
            <Td><Typography fontWeight="bold">{row.subject}</Typography></Td>
            <Td><Typography>v{row.version}</Typography></Td>
            <Td><Typography>{row.locale.toUpperCase()}</Typography></Td>
            <Td>
              <Typography textColor={row.event === 'withdrawn' ? 'danger600' : 'success600'}>
                {row.event === 'withdrawn' || row.event === 'accepted' ? t(`acceptances.event.${row.event}`) : row.event}
              </Typography>
            </Td>
            <Td><Typography>{row.source ?? '—'}</Typography></Td>
            <Td>
              <Tooltip label={`${t('acceptances.column.contentHash')}: ${row.contentHash}`}>
                <Typography style={{ fontFamily: 'monospace' }}>{row.hash.slice(0, 12)}…</Typography>
              </Tooltip>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
