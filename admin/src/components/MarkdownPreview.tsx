import { useEffect, useState } from 'react';
import { Box, Loader, Typography } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { usePolicyApi } from '../api/usePolicyApi';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errors';
import { RenderedHtml } from './RenderedHtml';

const DEBOUNCE_MS = 400;

/** The text as readers will see it: rendered by the server with the public API's own renderer. */
export const MarkdownPreview = ({ markdown }: { markdown: string }) => {
  const t = useT();
  const api = usePolicyApi();
  const debounced = useDebounce(markdown, DEBOUNCE_MS);
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    api.preview(debounced).then(
      (result) => {
        if (stale) return;
        setHtml(result);
        setError(null);
      },
      (failure: unknown) => !stale && setError(errorMessage(failure))
    );
    return () => {
      stale = true;
    };
  }, [api, debounced]);

  return (
    <Box padding={4} background="neutral0" hasRadius borderColor="neutral200" minHeight="30rem" data-testid="markdown-preview">
      <Typography variant="sigma" textColor="neutral600">
        {t('editor.preview')}
      </Typography>
      <Box paddingTop={2}>
        {error && <Typography textColor="danger600">{error}</Typography>}
        {html === null && !error ? <Loader small /> : <RenderedHtml html={html ?? ''} />}
      </Box>
    </Box>
  );
};
