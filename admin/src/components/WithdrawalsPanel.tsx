import { useEffect, useState } from 'react';
import { Box, Button, EmptyStateLayout, Flex, Grid, Loader, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import type { WithdrawalCase } from '../../../shared/contracts/ledger';
import { useT } from '../hooks/useT';
import { useListPolicyWithdrawalsQuery, type WithdrawalStatus } from '../services/api';
import { errorMessage } from '../utils/errors';
import { FilterSelect } from './FilterSelect';
import { TableHead } from './TableHead';
import { WithdrawalOutcomeModal } from './WithdrawalOutcomeModal';
import { withdrawnPurposes, ZonedInstant } from './ZonedInstant';

const STATUSES: readonly WithdrawalStatus[] = ['open', 'overdue', 'stopped', 'refused'];
const PAGE_SIZE = 10;

const CountFigure = ({ label, value, danger, testId }: { label: string; value: number; danger: boolean; testId: string }) => (
  <Flex
    direction="column"
    alignItems="flex-start"
    padding={4}
    gap={1}
    hasRadius
    borderStyle="solid"
    borderWidth="1px"
    borderColor={danger ? 'danger600' : 'neutral200'}
    background={danger ? 'danger100' : 'neutral0'}
  >
    <Typography variant="sigma" textColor={danger ? 'danger700' : 'neutral600'}>
      {label}
    </Typography>
    <Typography variant="alpha" tag="p" textColor={danger ? 'danger600' : 'neutral800'} data-testid={testId}>
      {value}
    </Typography>
  </Flex>
);

const Outcome = ({ outcome }: { outcome: WithdrawalCase['outcome'] }) => {
  const t = useT();
  if (!outcome) return <Typography textColor="neutral600">—</Typography>;
  const by = outcome.recordedBy.email ?? outcome.recordedBy.id;
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-outcome={outcome.outcome}>
      {outcome.outcome === 'stopped' ? (
        <>
          <Typography fontWeight="bold" textColor="success600">
            {t('withdrawals.outcome.stopped')}
          </Typography>
          <ZonedInstant value={outcome.at} />
        </>
      ) : (
        <>
          <Typography fontWeight="bold" textColor="warning600">
            {t('withdrawals.outcome.refused', { ground: outcome.ground ? t(`withdrawals.ground.${outcome.ground}`) : '—' })}
          </Typography>
          <Typography style={{ whiteSpace: 'pre-wrap' }}>{outcome.reason ?? ''}</Typography>
        </>
      )}
      <Typography variant="pi" textColor="neutral600">
        {t('withdrawals.outcome.by', { email: by })}
      </Typography>
    </Flex>
  );
};

interface WithdrawalsPanelProps {
  policy: string;
  /** The handle-withdrawals action: without it the outcomes are only shown. */
  canHandle: boolean;
}

/**
 * Withdrawals of consent to one policy (Law 94-V): when each was made, by when processing has to stop, and
 * what the operator did about it. Processing stopped, or the withdrawal refused on an Art. 8(2) ground, is
 * recorded once per withdrawal and never changed.
 */
export const WithdrawalsPanel = ({ policy, canHandle }: WithdrawalsPanelProps) => {
  const t = useT();
  const [status, setStatus] = useState<WithdrawalStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [handling, setHandling] = useState<WithdrawalCase | null>(null);
  const list = useListPolicyWithdrawalsQuery({ policy, status, page: String(page), pageSize: String(PAGE_SIZE) });
  const pagination = list.data?.meta.pagination;
  const counts = list.data?.meta.counts;
  const pageCount = Math.max(pagination?.pageCount ?? 1, 1);
  // A recorded outcome can take the last row of the last page out of a status filter.
  useEffect(() => {
    if (pagination && pagination.pageCount > 0 && page > pagination.pageCount) setPage(pagination.pageCount);
  }, [pagination, page]);

  const columns = (['recordedAt', 'subject', 'version', 'purposes', 'stopBy', 'outcome', 'actions'] as const).map((column) =>
    t(`withdrawals.column.${column}`)
  );

  return (
    <Box padding={6} background="neutral0" hasRadius shadow="tableShadow" tag="section" aria-labelledby="policy-withdrawals-title" data-testid="withdrawals-panel">
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="beta" tag="h2" id="policy-withdrawals-title">
            {t('withdrawals.title')}
          </Typography>
          <Typography variant="omega" textColor="neutral600">
            {t('withdrawals.hint')}
          </Typography>
        </Flex>
        <Grid.Root gap={4}>
          <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
            <CountFigure label={t('withdrawals.count.open')} value={counts?.open ?? 0} danger={false} testId="withdrawals-open" />
          </Grid.Item>
          <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
            <CountFigure label={t('withdrawals.count.overdue')} value={counts?.overdue ?? 0} danger={(counts?.overdue ?? 0) > 0} testId="withdrawals-overdue" />
          </Grid.Item>
          <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
            <FilterSelect
              name="withdrawal-status"
              label={t('withdrawals.filter.status')}
              anyLabel={t('withdrawals.status.all')}
              value={status}
              options={STATUSES.map((value) => ({ value, label: t(`withdrawals.status.${value}`) }))}
              onChange={(value) => {
                setStatus(value as WithdrawalStatus | undefined);
                setPage(1);
              }}
            />
          </Grid.Item>
        </Grid.Root>
        {list.isError ? (
          <Typography textColor="danger600">{errorMessage(list.error)}</Typography>
        ) : !list.data ? (
          <Loader>{t('common.loading')}</Loader>
        ) : list.data.data.length === 0 ? (
          <EmptyStateLayout content={t('withdrawals.empty')} />
        ) : (
          <Table colCount={columns.length} rowCount={list.data.data.length + 1} data-testid="withdrawals-table">
            <TableHead labels={columns} />
            <Tbody>
              {list.data.data.map((row) => {
                const purposes = withdrawnPurposes(row.withdrawal.purposes);
                return (
                  <Tr key={row.withdrawal.id} data-withdrawal={row.withdrawal.id} data-overdue={row.overdue}>
                    <Td>
                      <ZonedInstant value={row.withdrawal.recordedAt} />
                    </Td>
                    <Td>
                      <Typography fontWeight="bold">{row.withdrawal.subject ?? '—'}</Typography>
                    </Td>
                    <Td>
                      <Typography>{row.withdrawal.version === null ? '—' : `v${row.withdrawal.version}`}</Typography>
                    </Td>
                    <Td>
                      <Typography>{purposes === null ? t('withdrawals.purposes.all') : purposes.join(', ')}</Typography>
                    </Td>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <ZonedInstant value={row.processingStopBy} danger={row.overdue} />
                        {row.overdue && (
                          <Typography variant="pi" fontWeight="bold" textColor="danger600">
                            {t('withdrawals.status.overdue')}
                          </Typography>
                        )}
                      </Flex>
                    </Td>
                    <Td>
                      <Outcome outcome={row.outcome} />
                    </Td>
                    <Td>
                      {canHandle && !row.outcome ? (
                        <Button
                          variant="secondary"
                          size="S"
                          onClick={() => setHandling(row)}
                          aria-label={t('withdrawals.record.for', { subject: row.withdrawal.subject ?? '—' })}
                          data-testid="record-withdrawal-outcome"
                        >
                          {t('withdrawals.record')}
                        </Button>
                      ) : null}
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        )}
        {pagination && pagination.total > 0 && (
          <Flex justifyContent="space-between" alignItems="center" gap={4} tag="nav" aria-label={t('withdrawals.pagination')}>
            <Typography variant="pi" textColor="neutral600" aria-live="polite">
              {t('withdrawals.page', { page: pagination.page, pageCount, total: pagination.total })}
            </Typography>
            <Flex gap={2}>
              <Button variant="tertiary" size="S" disabled={page <= 1 || list.isFetching} onClick={() => setPage(page - 1)}>
                {t('withdrawals.page.previous')}
              </Button>
              <Button variant="tertiary" size="S" disabled={page >= pageCount || list.isFetching} onClick={() => setPage(page + 1)}>
                {t('withdrawals.page.next')}
              </Button>
            </Flex>
          </Flex>
        )}
      </Flex>
      {handling && <WithdrawalOutcomeModal withdrawal={handling} onClose={() => setHandling(null)} />}
    </Box>
  );
};
