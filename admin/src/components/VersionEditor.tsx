import { useMemo, useState } from 'react';
import { Alert, Box, Button, Dialog, Field, Flex, Grid, LinkButton, Switch, Tabs, Typography } from '@strapi/design-system';
import { Check, Trash } from '@strapi/icons';
import { BackButton, ConfirmDialog, Layouts, Page, useDebounce, useNotification } from '@strapi/strapi/admin';
import { Link, useNavigate } from 'react-router-dom';
import type { PolicySummary } from '../../../shared/contracts/policies';
import type { EditorVersion } from '../../../shared/contracts/versions';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
import { usePluginPermissions } from '../hooks/usePluginPermissions';
import { useT } from '../hooks/useT';
import { useCheckPolicyPublicationQuery, useDeletePolicyDraftMutation, useUpdatePolicyDraftMutation } from '../services/api';
import { errorMessage } from '../utils/errors';
import { pluginPath } from '../utils/paths';
import { EffectiveDateField } from './EffectiveDateField';
import { ImportButton } from './ImportButton';
import { LocaleEditor, type EditableText } from './LocaleEditor';
import { PublishModal } from './PublishModal';
import { describeMissing, missingFields } from './ServerProblems';
import { StatusBadge } from './StatusBadge';

type Texts = Record<PolicyLocale, EditableText>;

const EDITABLE_FIELDS = ['title', 'body', 'changeSummary'] as const;
// The publication check follows the date and the switch once they settle, not every step of the picker.
const CHECK_DEBOUNCE_MS = 400;

const textsOf = (record: EditorVersion): Texts =>
  Object.fromEntries(
    SUPPORTED_LOCALES.map((locale) => {
      const text = record.locales[locale];
      return [locale, { title: text?.title ?? '', body: text?.body ?? '', changeSummary: text?.changeSummary ?? '' }];
    })
  ) as Texts;

interface VersionEditorProps {
  policy: PolicySummary;
  initial: EditorVersion;
}

/**
 * The draft editor: a tab per locale, the publication settings, save, import and publish. Texts are kept
 * here until saved; publishing saves first, so what the confirmation shows is what the server checks.
 */
export const VersionEditor = ({ policy, initial }: VersionEditorProps) => {
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const permissions = usePluginPermissions();
  const [record, setRecord] = useState(initial);
  const [texts, setTexts] = useState<Texts>(() => textsOf(initial));
  const [locale, setLocale] = useState<PolicyLocale>(policy.requiredLocales[0] ?? 'ru');
  const [effectiveAt, setEffectiveAt] = useState<Date | null>(null);
  const [material, setMaterial] = useState(initial.material);
  const [updateDraft, { isLoading: saving }] = useUpdatePolicyDraftMutation();
  const [deleteDraft] = useDeletePolicyDraftMutation();
  const [publishing, setPublishing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // Unsaved: whatever differs from the record as the server last returned it.
  const saved = useMemo(() => textsOf(record), [record]);
  const dirty = new Set(SUPPORTED_LOCALES.filter((code) => EDITABLE_FIELDS.some((field) => texts[code][field] !== saved[code][field])));
  const isDraft = record.state === 'draft';
  const editable = isDraft && permissions.canEdit;
  const backToPolicy = pluginPath(policy.key);

  // The server's verdict on the draft as saved, for the settings chosen (roles that may edit drafts ask).
  const checkedMaterial = useDebounce(material, CHECK_DEBOUNCE_MS);
  const checkedEffectiveAt = useDebounce(effectiveAt?.toISOString() ?? null, CHECK_DEBOUNCE_MS);
  const check = useCheckPolicyPublicationQuery(
    { documentId: record.documentId, material: checkedMaterial, effectiveAt: checkedEffectiveAt },
    { skip: !isDraft || !permissions.canEdit }
  );
  const missing = missingFields(check.data?.problems ?? []);

  const change = (target: PolicyLocale, field: keyof EditableText, value: string) => {
    setTexts((previous) => ({ ...previous, [target]: { ...previous[target], [field]: value } }));
  };

  /** Saves every locale changed since the last save; returns the saved record, or null on failure. */
  const save = async (): Promise<EditorVersion | null> => {
    const [first, ...others] = [...dirty].map((target) => ({ locale: target, text: texts[target] }));
    if (!first) return record;
    try {
      const latest = await updateDraft({ documentId: record.documentId, texts: [first, ...others] }).unwrap();
      setRecord(latest);
      toggleNotification({ type: 'success', message: t('editor.saved') });
      return latest;
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
      return null;
    }
  };

  const openPublish = async () => {
    if (await save()) setPublishing(true);
  };

  const imported = (version: EditorVersion) => {
    setRecord(version);
    const fresh = textsOf(version);
    setTexts((previous) => ({ ...previous, [locale]: fresh[locale] }));
  };

  const remove = async () => {
    try {
      await deleteDraft({ documentId: record.documentId, policyKey: policy.key }).unwrap();
      toggleNotification({ type: 'success', message: t('timeline.deleted') });
      navigate(backToPolicy);
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    }
  };

  // A draft that was not copied from a version is a new text, not a draft "from" anything.
  const title = !isDraft
    ? t('editor.title.version', { policy: policy.title, version: record.version ?? '' })
    : record.basedOnVersion == null
      ? t('editor.title.draft.new', { policy: policy.title })
      : t('editor.title.draft', { policy: policy.title, base: record.basedOnVersion });

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={backToPolicy} />}
        title={title}
        subtitle={
          <Flex>
            <StatusBadge status={record.status} />
          </Flex>
        }
        primaryAction={
          <Flex gap={2}>
            {editable && (
              <Button variant="secondary" startIcon={<Check />} onClick={save} loading={saving} disabled={dirty.size === 0}>
                {t('editor.save')}
              </Button>
            )}
            {isDraft && permissions.canPublish && (
              <Button onClick={openPublish} disabled={saving} data-testid="open-publish">
                {t('editor.publish')}
              </Button>
            )}
          </Flex>
        }
        secondaryAction={
          <Flex gap={2}>
            {policy.current && (
              <LinkButton
                tag={Link}
                to={`${pluginPath(policy.key, 'diff')}?from=current&to=${record.documentId}&locale=${locale}`}
                variant="tertiary"
              >
                {t('editor.compare')}
              </LinkButton>
            )}
            {editable && (
              <Button variant="danger-light" startIcon={<Trash />} onClick={() => setConfirmDelete(true)}>
                {t('timeline.delete')}
              </Button>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {isDraft && Object.keys(missing).length > 0 && (
            <Alert variant="warning" closeLabel={t('common.close')} title={t('editor.missing.title')} data-testid="missing-locales">
              {describeMissing(missing, t)}
            </Alert>
          )}
          {isDraft && permissions.canPublish && (
            <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
              <Typography variant="delta" tag="h2">
                {t('editor.publication')}
              </Typography>
              <Grid.Root gap={6} paddingTop={4}>
                <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
                  <EffectiveDateField value={effectiveAt} onChange={setEffectiveAt} />
                </Grid.Item>
                <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                  <Field.Root name="material" hint={t('editor.material.hint')}>
                    <Field.Label>{t('editor.material')}</Field.Label>
                    <Switch
                      checked={material}
                      onCheckedChange={setMaterial}
                      onLabel={t('editor.material.on')}
                      offLabel={t('editor.material.off')}
                      visibleLabels
                      aria-label={t('editor.material')}
                    />
                    <Field.Hint />
                  </Field.Root>
                </Grid.Item>
              </Grid.Root>
            </Box>
          )}
          <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
            <Tabs.Root value={locale} onValueChange={(value) => setLocale(value as PolicyLocale)}>
              <Flex justifyContent="space-between" alignItems="flex-end" gap={4}>
                <Tabs.List aria-label={t('editor.locales')}>
                  {SUPPORTED_LOCALES.map((code) => (
                    <Tabs.Trigger key={code} value={code} data-testid={`tab-${code}`}>
                      {t(`locale.${code}`)}
                      {policy.requiredLocales.includes(code) ? '*' : ''}
                      {isDraft && missing[code] ? '⚠' : ''}
                      {dirty.has(code) ? '•' : ''}
                    </Tabs.Trigger>
                  ))}
                </Tabs.List>
                {editable && (
                  <ImportButton policyKey={policy.key} documentId={record.documentId} locale={locale} onImported={imported} disabled={dirty.has(locale)} />
                )}
              </Flex>
              {SUPPORTED_LOCALES.map((code) => (
                <Tabs.Content key={code} value={code}>
                  <Box paddingTop={4}>
                    <LocaleEditor locale={code} text={texts[code]} readOnly={!editable} onChange={(field, value) => change(code, field, value)} />
                  </Box>
                </Tabs.Content>
              ))}
            </Tabs.Root>
          </Box>
        </Flex>
      </Layouts.Content>
      {publishing && (
        <PublishModal
          policy={policy}
          draft={record}
          effectiveAt={effectiveAt}
          material={material}
          onClose={() => setPublishing(false)}
          onPublished={(published) => {
            toggleNotification({ type: 'success', message: t('publish.done', { version: published.version ?? '' }) });
            navigate(backToPolicy);
          }}
        />
      )}
      <Dialog.Root open={confirmDelete} onOpenChange={setConfirmDelete}>
        <ConfirmDialog onConfirm={remove} variant="danger">
          {t('timeline.delete.confirm')}
        </ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};
