import { Table, Tbody, Td, Tooltip, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { LedgerRecord } from '../../../shared/contracts/acceptances';
import { useT } from '../hooks/useT';
import { formatInstant } from '../utils/dates';
import { TableHead } from './TableHead';

/** The purposes a record names: those given by an acceptance, those withdrawn (−) by a partial withdrawal. */
const purposesOf = (purposes: LedgerRecord['purposes']) =>
  purposes === null
    ? '—'
    : Array.isArray(purposes)
      ? purposes.map((id) => `− ${id}`).join(', ')
      : Object.entries(purposes).filter(([, given]) => given).map(([id]) => id).join(', ') || '—';

/** Ledger records as stored: who, which version and text (hash), which purposes, when, and from where. */
export const AcceptanceTable = ({ rows }: { rows: LedgerRecord[] }) => {
  const t = useT();
  const { locale } = useIntl();
  return (
    <Table colCount={8} rowCount={rows.length + 1} data-testid="acceptance-table">
      <TableHead labels={(['recordedAt', 'subject', 'version', 'locale', 'event', 'purposes', 'source', 'hash'] as const).map((column) => t(`acceptances.column.${column}`))} />
      <Tbody>
        {rows.map((row) => (
          <Tr key={row.id}>
            <Td><Typography>{formatInstant(row.recordedAt, locale)}</Typography></Td>
            <Td><Typography fontWeight="bold">{row.subject ?? '—'}</Typography></Td>
            <Td><Typography>{row.version === null ? '—' : `v${row.version}`}</Typography></Td>
            <Td><Typography>{row.locale?.toUpperCase() ?? '—'}</Typography></Td>
            <Td>
              <Typography textColor={row.event === 'accepted' ? 'success600' : 'danger600'}>{t(`acceptances.event.${row.event}`)}</Typography>
            </Td>
            <Td><Typography>{purposesOf(row.purposes)}</Typography></Td>
            <Td><Typography>{row.source ?? '—'}</Typography></Td>
            <Td>
              <Tooltip label={`${t('acceptances.column.contentHash')}: ${row.contentHash ?? '—'}`}>
                <Typography style={{ fontFamily: 'monospace' }}>{row.hash.slice(0, 12)}…</Typography>
              </Tooltip>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
