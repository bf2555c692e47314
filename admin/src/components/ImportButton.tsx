import { useRef } from 'react';
import { Button } from '@strapi/design-system';
import { Upload } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { EditorVersion } from '../../../shared/contracts/versions';
import type { PolicyLocale } from '../../../shared/locales';
import { useT } from '../hooks/useT';
import { useImportPolicyTextMutation } from '../services/api';
import { errorMessage } from '../utils/errors';

interface ImportButtonProps {
  policyKey: string;
  documentId: string;
  locale: PolicyLocale;
  disabled?: boolean;
  onImported: (version: EditorVersion) => void;
}

/**
 * Replaces the open locale's body with a .txt or .md file. The server's importer turns plain text into the
 * plugin's Markdown (clause numbers, headings), so the result is what the public API will serve.
 */
export const ImportButton = ({ policyKey, documentId, locale, disabled, onImported }: ImportButtonProps) => {
  const t = useT();
  const [importText, { isLoading: busy }] = useImportPolicyTextMutation();
  const { toggleNotification } = useNotification();
  const input = useRef<HTMLInputElement>(null);

  const importFile = async (file: File) => {
    try {
      const format = /\.(md|markdown)$/i.test(file.name) ? 'markdown' : 'text';
      const version = await importText({ key: policyKey, locale, text: await file.text(), format, documentId }).unwrap();
      onImported(version);
      toggleNotification({ type: 'success', message: t('editor.import.done', { file: file.name, locale }) });
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".txt,.md,.markdown,text/plain,text/markdown"
        hidden
        data-testid="import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <Button variant="secondary" startIcon={<Upload />} loading={busy} disabled={disabled} onClick={() => input.current?.click()}>
        {t('editor.import', { locale: locale.toUpperCase() })}
      </Button>
    </>
  );
};
