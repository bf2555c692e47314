import { Box, Field, Grid, Textarea, TextInput } from '@strapi/design-system';
import type { LocaleText } from '../../../shared/contracts/versions';
import type { PolicyLocale } from '../../../shared/locales';
import { useT } from '../hooks/useT';
import { MarkdownPreview } from './MarkdownPreview';

export type EditableText = Omit<LocaleText, 'contentHash'>;

interface LocaleEditorProps {
  locale: PolicyLocale;
  text: EditableText;
  readOnly: boolean;
  onChange: (field: keyof EditableText, value: string) => void;
}

/** One locale of a version: title, Markdown body beside its live preview, and the change summary. */
export const LocaleEditor = ({ locale, text, readOnly, onChange }: LocaleEditorProps) => {
  const t = useT();
  return (
    <Grid.Root gap={4}>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <Field.Root name={`title-${locale}`}>
          <Field.Label>{t('editor.title')}</Field.Label>
          <TextInput value={text.title} disabled={readOnly} onChange={(event) => onChange('title', event.target.value)} />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root name={`body-${locale}`} hint={t('editor.body.hint')}>
          <Field.Label>{t('editor.body')}</Field.Label>
          <Box>
            <Textarea
              value={text.body}
              disabled={readOnly}
              lang={locale}
              onChange={(event) => onChange('body', event.target.value)}
              style={{ minHeight: '40rem', fontFamily: 'monospace' }}
            />
          </Box>
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <MarkdownPreview markdown={text.body} />
      </Grid.Item>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <Field.Root name={`changeSummary-${locale}`} hint={t('editor.summary.hint')}>
          <Field.Label>{t('editor.summary')}</Field.Label>
          <Textarea
            value={text.changeSummary}
            disabled={readOnly}
            lang={locale}
            onChange={(event) => onChange('changeSummary', event.target.value)}
          />
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
    </Grid.Root>
  );
};
