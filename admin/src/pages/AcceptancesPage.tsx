import { useEffect, useState } from 'react';
import { Box, EmptyStateLayout, Field, Flex, Grid, Loader, TextInput, Typography } from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { BackButton, Layouts, Page, Pagination, useDebounce, useQueryParams } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { SUPPORTED_LOCALES } from '../../../shared/locales';
import { AcceptanceStatsPanel } from '../components/AcceptanceStatsPanel';
import { AcceptanceTable } from '../components/AcceptanceTable';
import { ChainVerification } from '../components/ChainVerification';
import { EvidenceButtons, ExportButtons, type LedgerFilters } from '../components/ExportButtons';
import { FilterSelect } from '../components/FilterSelect';
import { WithdrawalsPanel } from '../components/WithdrawalsPanel';
import { usePluginPermissions } from '../hooks/usePluginPermissions';
import { usePolicy } from '../hooks/usePolicy';
import { useT } from '../hooks/useT';
import { useGetPolicyAcceptanceStatsQuery, useListPolicyAcceptancesQuery, type LedgerQuery } from '../services/api';
import { errorMessage } from '../utils/errors';
import { pluginPath } from '../utils/paths';

/** The filters and page in the URL, as the records route takes them; the server checks what a URL holds. */
type LedgerParams = Omit<LedgerQuery, 'policy' | 'from' | 'to'>;

const SEARCH_DEBOUNCE_MS = 300;

/** The consent ledger of one policy: who accepted which version, the trend, the records, export and verification. */
export const AcceptancesPage = () => {
  const { key = '' } = useParams();
  const t = useT();
  const permissions = usePluginPermissions();
  const { policy, versions, isLoading } = usePolicy(key);
  const [{ query }, setQuery] = useQueryParams<LedgerParams>();
  const [search, setSearch] = useState(query.subject ?? '');
  const debouncedSearch = useDebounce(search, SEARCH_DEBOUNCE_MS);
  const page = Number(query.page ?? 1) || 1;
  const pageSize = Number(query.pageSize ?? 10) || 10;
  const filters: LedgerFilters = { policy: key, subject: query.subject, version: query.version, locale: query.locale, event: query.event };
  const allowed = permissions.canReadAcceptances;
  // The next material version to take effect: who must accept it again can be listed ahead of it.
  const reacceptVersion = versions?.filter((version) => version.status === 'scheduled' && version.material).at(-1)?.version ?? undefined;

  const stats = useGetPolicyAcceptanceStatsQuery(key, { skip: !allowed });
  const records = useListPolicyAcceptancesQuery({ ...filters, page: String(page), pageSize: String(pageSize) }, { skip: !allowed });

  const filter = (next: LedgerParams) => setQuery({ ...query, ...next, page: '1' }, 'push', true);
  useEffect(() => {
    if ((query.subject ?? '') !== debouncedSearch) filter({ subject: debouncedSearch || undefined });
    // Only a settled search term should touch the URL.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);

  if (permissions.isLoading || isLoading) return <Page.Loading />;
  if (!allowed) return <Page.NoPermissions />;
  if (!policy || !versions) return <Page.Error />;
  const published = versions.filter((version) => version.version !== null);
  const pagination = records.data?.meta.pagination;
  const selects = [
    { name: 'version', options: published.map((version) => ({ value: String(version.version), label: `v${version.version}` })) },
    { name: 'locale', options: SUPPORTED_LOCALES.map((code) => ({ value: code, label: code.toUpperCase() })) },
    { name: 'event', options: (['accepted', 'withdrawn'] as const).map((event) => ({ value: event, label: t(`acceptances.event.${event}`) })) },
  ] as const;

  return (
    <Page.Main>
      <Page.Title>{t('acceptances.title')}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={pluginPath(key)} />}
        title={t('acceptances.title')}
        subtitle={policy.title}
        primaryAction={permissions.canExport ? <ExportButtons filters={filters} reaccept={reacceptVersion} /> : undefined}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={8}>
          {stats.data ? (
            <AcceptanceStatsPanel stats={stats.data} />
          ) : (
            <Loader>{t('common.loading')}</Loader>
          )}
          <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
            <ChainVerification />
          </Box>
          <WithdrawalsPanel policy={key} canHandle={permissions.canHandleWithdrawals} />
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="beta" tag="h2">
              {t('acceptances.records')}
            </Typography>
            <Grid.Root gap={4}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Field.Root name="subject">
                  <Field.Label>{t('acceptances.search')}</Field.Label>
                  <TextInput startAction={<Search />} value={search} placeholder={t('acceptances.search.placeholder')} onChange={(event) => setSearch(event.target.value)} />
                </Field.Root>
              </Grid.Item>
              {selects.map((select) => (
                <Grid.Item key={select.name} col={2} s={4} direction="column" alignItems="stretch">
                  <FilterSelect
                    name={select.name}
                    label={t(`acceptances.column.${select.name}`)}
                    anyLabel={t('acceptances.any')}
                    value={query[select.name]}
                    options={select.options}
                    onChange={(value) => filter({ [select.name]: value })}
                  />
                </Grid.Item>
              ))}
            </Grid.Root>
            {permissions.canExport && query.subject && (
              <Flex gap={4} wrap="wrap">
                <Typography variant="omega" textColor="neutral600">
                  {t('acceptances.evidence.label', { subject: query.subject })}
                </Typography>
                <EvidenceButtons subject={query.subject} />
              </Flex>
            )}
            {records.isError ? (
              <Typography textColor="danger600">{errorMessage(records.error)}</Typography>
            ) : !records.data ? (
              <Loader>{t('common.loading')}</Loader>
            ) : records.data.data.length === 0 ? (
              <EmptyStateLayout content={t('acceptances.empty')} />
            ) : (
              <AcceptanceTable rows={records.data.data} />
            )}
            {pagination && pagination.total > 0 && (
              <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={pageSize}>
                <Pagination.PageSize />
                <Pagination.Links />
              </Pagination.Root>
            )}
          </Flex>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
