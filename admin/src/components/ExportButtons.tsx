import { useState } from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { AcceptanceFilters, ExportFormat } from '../api/types';
import { usePolicyApi } from '../api/usePolicyApi';
import { useT } from '../hooks/useT';
import { errorMessage, isRouteMissing } from '../utils/errors';

/** Saves the blob under a name that says what and when, through a temporary link (the admin's fetch carries the token). */
const download = (blob: Blob, name: string) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
};

/** Exports the records matching the current filters, as CSV or NDJSON. */
export const ExportButtons = ({ filters }: { filters: AcceptanceFilters }) => {
  const t = useT();
  const api = usePolicyApi();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState<ExportFormat | null>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const blob = await api.exportAcceptances(format, filters);
      const stamp = new Date().toISOString().slice(0, 10);
      download(blob, `acceptances-${filters.policy ?? 'all'}-${stamp}.${format}`);
    } catch (failure) {
      toggleNotification({ type: 'danger', message: isRouteMissing(failure) ? t('common.not-available') : errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex gap={2}>
      {(['csv', 'ndjson'] as const).map((format) => (
        <Button key={format} variant="secondary" startIcon={<Download />} loading={busy === format} onClick={() => run(format)} data-testid={`export-${format}`}>
          {t(`acceptances.export.${format}`)}
        </Button>
      ))}
    </Flex>
  );
};
