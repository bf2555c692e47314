import { Box, Loader, Typography } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { useT } from '../hooks/useT';
import { usePreviewPolicyMarkdownQuery } from '../services/api';
import { errorMessage } from '../utils/errors';
import { RenderedHtml } from './RenderedHtml';

const DEBOUNCE_MS = 400;

/** The text as readers will see it: rendered by the server with the public API's own renderer. */
export const MarkdownPreview = ({ markdown }: { markdown: string }) => {
  const t = useT();
  const debounced = useDebounce(markdown, DEBOUNCE_MS);
  const preview = usePreviewPolicyMarkdownQuery(debounced);

  return (
    <Box padding={4} background="neutral0" hasRadius borderColor="neutral200" minHeight="30rem" data-testid="markdown-preview">
      <Typography variant="sigma" textColor="neutral600">
        {t('editor.preview')}
      </Typography>
      <Box paddingTop={2}>
        {preview.isError && <Typography textColor="danger600">{errorMessage(preview.error)}</Typography>}
        {preview.data === undefined && !preview.isError ? <Loader small /> : <RenderedHtml html={preview.data ?? ''} />}
      </Box>
    </Box>
  );
};
