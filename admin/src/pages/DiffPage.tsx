import { Box, Field, Flex, Grid, SingleSelect, SingleSelectOption, Tabs, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useQueryParams } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { isSupportedLocale, SUPPORTED_LOCALES } from '../../../shared/locales';
import { DiffPanel, type DiffLayout } from '../components/DiffPanel';
import { VersionSelect } from '../components/VersionSelect';
import { usePolicy } from '../hooks/usePolicy';
import { useT } from '../hooks/useT';
import { pluginPath } from '../utils/paths';

interface DiffQuery {
  from?: string;
  to?: string;
  locale?: string;
  view?: string;
}

/** Any two versions of a policy compared in any locale; the choice lives in the URL so a diff can be shared. */
export const DiffPage = () => {
  const { key = '' } = useParams();
  const t = useT();
  const { policy, versions, isLoading } = usePolicy(key);
  const [{ query }, setQuery] = useQueryParams<DiffQuery>();

  if (isLoading) return <Page.Loading />;
  if (!policy || !versions) return <Page.Error />;
  // By default: the version in force against the newest version that is not it (a draft or a scheduled one).
  const newest = versions.find((version) => version.status !== 'current') ?? versions[0];
  const from = query.from ?? (policy.current ? 'current' : versions[1]?.documentId ?? '');
  const to = query.to ?? newest?.documentId ?? '';
  const locale = isSupportedLocale(query.locale) ? query.locale : policy.requiredLocales[0] ?? 'ru';
  const layout: DiffLayout = query.view === 'side-by-side' ? 'side-by-side' : 'inline';
  const set = (next: DiffQuery) => setQuery({ ...query, from, to, locale, view: layout, ...next }, 'push', true);

  return (
    <Page.Main>
      <Page.Title>{t('diff.title')}</Page.Title>
      <Layouts.Header navigationAction={<BackButton fallback={pluginPath(key)} />} title={t('diff.title')} subtitle={policy.title} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
            <Grid.Root gap={4}>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <VersionSelect label={t('diff.from')} name="from" value={from} versions={versions} withCurrent={Boolean(policy.current)} onChange={(value) => set({ from: value })} />
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <VersionSelect label={t('diff.to')} name="to" value={to} versions={versions} onChange={(value) => set({ to: value })} />
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name="locale">
                  <Field.Label>{t('diff.locale')}</Field.Label>
                  <SingleSelect value={locale} onChange={(value) => set({ locale: String(value) })}>
                    {SUPPORTED_LOCALES.map((code) => (
                      <SingleSelectOption key={code} value={code}>
                        {t(`locale.${code}`)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
            <Box paddingTop={4}>
              <Tabs.Root value={layout} onValueChange={(value) => set({ view: value })} variant="simple">
                <Tabs.List aria-label={t('diff.layout')}>
                  <Tabs.Trigger value="inline">{t('diff.inline')}</Tabs.Trigger>
                  <Tabs.Trigger value="side-by-side">{t('diff.side-by-side')}</Tabs.Trigger>
                </Tabs.List>
              </Tabs.Root>
            </Box>
          </Box>
          {from && to ? (
            <DiffPanel from={from} to={to} locale={locale} layout={layout} />
          ) : (
            <Typography textColor="neutral600">{t('diff.need-two')}</Typography>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
