import { Alert, Box, Flex, Loader } from '@strapi/design-system';
import type { PolicyLocale } from '../../../shared/locales';
import { useT } from '../hooks/useT';
import { useGetPolicyDiffQuery } from '../services/api';
import { errorMessage } from '../utils/errors';
import { DiffSummaryBar } from './DiffSummaryBar';
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
  const diff = useGetPolicyDiffQuery({ from, to, locale });

  if (diff.isLoading) return <Loader>{t('common.loading')}</Loader>;
  if (diff.isError) {
    return (
      <Alert variant="danger" closeLabel={t('common.close')} title={t('diff.error')}>
        {errorMessage(diff.error)}
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
