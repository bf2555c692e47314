import { Alert, Box, Flex, Loader } from '@strapi/design-system';
import type { PolicyLocale } from '../api/types';
import { usePolicyApi } from '../api/usePolicyApi';
import { useRemoteData } from '../hooks/useRemoteData';
import { useT } from '../hooks/useT';
import { DiffSummaryBar } from './DiffSummaryBar';
import { NotAvailable } from './NotAvailable';
import { RenderedHtml } from './RenderedHtml';

export type DiffLayout = 'inline' | 'side-by-side';

interface DiffPanelProps {
  /** A documentId, or 'current' for the version in force. */
  from: string;
  to: string;
  locale: PolicyLocale;
  layout: DiffLayout;
}

/** The server's diff of two versions in one locale: summary counts above the highlighted text. */
export const DiffPanel = ({ from, to, locale, layout }: DiffPanelProps) => {
  const t = useT();
  const api = usePolicyApi();
  const diff = useRemoteData(() => api.diff({ from, to, locale }), [api, from, to, locale]);

  if (diff.missing) return <NotAvailable />;
  if (diff.loading && !diff.data) return <Loader>{t('common.loading')}</Loader>;
  if (diff.error) {
    return (
      <Alert variant="danger" closeLabel={t('common.close')} title={t('diff.error')}>
        {diff.error}
      </Alert>
    );
  }
  if (!diff.data) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="diff-panel">
      <DiffSummaryBar summary={diff.data.summary} />
      <Box padding={4} background="neutral0" hasRadius borderColor="neutral200">
        <RenderedHtml html={layout === 'inline' ? diff.data.inline : diff.data.sideBySide} label={t('diff.title')} />
      </Box>
    </Flex>
  );
};
