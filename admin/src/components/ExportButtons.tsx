import { useState } from 'react';
import { Button, Flex } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { EvidenceFormat, ExportFormat, exportAcceptances } from '../../../shared/contracts/ledger';
import type { QueryOf } from '../../../shared/contracts/route';
import { SUPPORTED_LOCALES } from '../../../shared/locales';
import { useT } from '../hooks/useT';
import { PLUGIN_ID } from '../pluginId';
import { errorMessage } from '../utils/errors';

export type LedgerFilters = Omit<QueryOf<typeof exportAcceptances>, 'format'>;

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

/**
 * Exports the records matching the current filters, as CSV or NDJSON: a file, not data to cache, so a plain download.
 * With `reaccept` (a scheduled material version), also the list of who must accept it again, for a notice of the change.
 */
export const ExportButtons = ({ filters, reaccept }: { filters: LedgerFilters; reaccept?: number }) => {
  const t = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState<string | null>(null);

  const fetchFile = async (which: string, path: string, params: Record<string, unknown>, name: string) => {
    setBusy(which);
    try {
      const { data: blob } = await get<Blob>(`/${PLUGIN_ID}${path}`, { params, responseType: 'blob' });
      download(blob, name);
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  };
  const run = (format: ExportFormat) =>
    fetchFile(format, '/acceptances/export', { ...filters, format }, `acceptances-${filters.policy ?? 'all'}-${new Date().toISOString().slice(0, 10)}.${format}`);

  return (
    <Flex gap={2}>
      {(['csv', 'ndjson'] as const).map((format) => (
        <Button key={format} variant="secondary" startIcon={<Download />} loading={busy === format} onClick={() => run(format)} data-testid={`export-${format}`}>
          {t(`acceptances.export.${format}`)}
        </Button>
      ))}
      {reaccept !== undefined && filters.policy && (
        <Button
          variant="secondary"
          startIcon={<Download />}
          loading={busy === 'reaccept'}
          data-testid="export-reacceptance"
          onClick={() =>
            fetchFile('reaccept', '/acceptances/reacceptance', { policy: filters.policy, version: String(reaccept), format: 'csv' }, `reacceptance-${filters.policy}-v${reaccept}.csv`)
          }
        >
          {t('acceptances.export.reaccept', { version: reaccept })}
        </Button>
      )}
    </Flex>
  );
};

/**
 * Downloads one subject's evidence pack (JSON, for the offline verifier) or its report (HTML, PDF) in the admin's
 * language when the report has it; the server signs a checkpoint first if none covers the subject's records yet.
 */
export const EvidenceButtons = ({ subject }: { subject: string }) => {
  const t = useT();
  const { locale } = useIntl();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState<EvidenceFormat | null>(null);
  const reportLocale = SUPPORTED_LOCALES.find((code) => locale.toLowerCase().startsWith(code));

  const run = async (format: EvidenceFormat) => {
    setBusy(format);
    try {
      const params = { subject, format, ...(reportLocale ? { locale: reportLocale } : {}) };
      const { data: blob } = await get<Blob>(`/${PLUGIN_ID}/acceptances/evidence`, { params, responseType: 'blob' });
      const stamp = new Date().toISOString().slice(0, 10);
      download(blob, `evidence-${subject.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 64)}-${stamp}.${format}`);
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex gap={2}>
      {(['json', 'html', 'pdf'] as const).map((format) => (
        <Button key={format} variant="tertiary" startIcon={<Download />} loading={busy === format} onClick={() => run(format)} data-testid={`evidence-${format}`}>
          {t(`acceptances.evidence.${format}`)}
        </Button>
      ))}
    </Flex>
  );
};
