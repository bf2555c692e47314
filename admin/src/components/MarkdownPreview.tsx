import { Box, Loader, Typography } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { usePolicyApi } from '../api/usePolicyApi';
import { useRemoteData } from '../hooks/useRemoteData';
import { useT } from '../hooks/useT';
import { RenderedHtml } from './RenderedHtml';

const DEBOUNCE_MS = 400;

/** The text as readers will see it: rendered by the server with the public API's own renderer. */
export const MarkdownPreview = ({ markdown }: { markdown: string }) => {
  const t = useT();
  const api = usePolicyApi();
  const debounced = useDebounce(markdown, DEBOUNCE_MS);
  const preview = useRemoteData(() => api.preview(debounced), [api, debounced]);

  return (
    <Box padding={4} background="neutral0" hasRadius borderColor="neutral200" minHeight="30rem" data-testid="markdown-preview">
      <Typography variant="sigma" textColor="neutral600">
        {t('editor.preview')}
      </Typography>
      <Box paddingTop={2}>
        {preview.error && <Typography textColor="danger600">{preview.error}</Typography>}
        {preview.data === undefined && !preview.error ? <Loader small /> : <RenderedHtml html={preview.data ?? ''} />}
      </Box>
    </Box>
  );
};
