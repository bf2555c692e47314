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
import {
  useCheckPolicyPublicationQuery,
  useDeletePolicyDraftMutation,
  useUpdatePolicyDraftConsentMutation,
  useUpdatePolicyDraftMutation,
} from '../services/api';
import { errorMessage } from '../utils/errors';
import { unsetTermItems } from '../../../shared/consent-items';
import { pluginPath } from '../utils/paths';
import {
  ConsentTermsEditor,
  ConsentTermsView,
  consentFormOf,
  describeTermItems,
  sameTerms,
  termsOf,
  type ConsentForm,
  type ConsentRefusal,
} from './ConsentTermsEditor';
import { EffectiveDateField } from './EffectiveDateField';
import { ImportButton } from './ImportButton';
import { LocaleEditor, type EditableText } from './LocaleEditor';
import { missingTermItemsOf } from './PublicationCheckList';
import { PublishModal } from './PublishModal';
import { describeMissing, missingFields } from './ServerProblems';
import { StatusBadge } from './StatusBadge';

type Texts = Record<PolicyLocale, EditableText>;
/** The editor's tabs: one per locale, and the consent terms. */
type EditorTab = PolicyLocale | 'consent';
const CONSENT_TAB = 'consent';

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

/** Every message of a refused save: Strapi's `details.errors` when it lists several, else the message. */
const refusalOf = (failure: unknown): ConsentRefusal => {
  const details = typeof failure === 'object' && failure !== null && 'details' in failure ? (failure.details as { errors?: unknown }) : undefined;
  const errors = Array.isArray(details?.errors)
    ? details.errors.map((error: unknown) =>
        typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error)
      )
    : [];
  return { message: errorMessage(failure), errors };
};

/**
 * The draft editor: a tab per locale and one for the consent terms, the publication settings, save, import
 * and publish. Texts and terms are kept here until saved; publishing saves first, so what the confirmation
 * shows is what the server checks.
 */
export const VersionEditor = ({ policy, initial }: VersionEditorProps) => {
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const permissions = usePluginPermissions();
  const [record, setRecord] = useState(initial);
  const [texts, setTexts] = useState<Texts>(() => textsOf(initial));
  const [locale, setLocale] = useState<PolicyLocale>(policy.requiredLocales[0] ?? 'ru');
  const [tab, setTab] = useState<EditorTab>(locale);
  const [consent, setConsent] = useState<ConsentForm>(() => consentFormOf(initial.consent));
  const [consentRefusal, setConsentRefusal] = useState<ConsentRefusal | null>(null);
  const [effectiveAt, setEffectiveAt] = useState<Date | null>(null);
  const [material, setMaterial] = useState(initial.material);
  const [updateDraft, { isLoading: savingTexts }] = useUpdatePolicyDraftMutation();
  const [updateConsent, { isLoading: savingConsent }] = useUpdatePolicyDraftConsentMutation();
  const saving = savingTexts || savingConsent;
  const [deleteDraft] = useDeletePolicyDraftMutation();
  const [publishing, setPublishing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // Unsaved: whatever differs from the record as the server last returned it.
  const saved = useMemo(() => textsOf(record), [record]);
  const dirty = new Set(SUPPORTED_LOCALES.filter((code) => EDITABLE_FIELDS.some((field) => texts[code][field] !== saved[code][field])));
  const isDraft = record.state === 'draft';
  const editable = isDraft && permissions.canEdit;
  const savedTerms = useMemo(() => termsOf(consentFormOf(record.consent)), [record]);
  const terms = termsOf(consent);
  const consentDirty = editable && !sameTerms(terms, savedTerms);
  const unsetItems = unsetTermItems(terms);
  const backToPolicy = pluginPath(policy.key);

  // The server's verdict on the draft as saved, for the settings chosen (roles that may edit drafts ask).
  const checkedMaterial = useDebounce(material, CHECK_DEBOUNCE_MS);
  const checkedEffectiveAt = useDebounce(effectiveAt?.toISOString() ?? null, CHECK_DEBOUNCE_MS);
  const check = useCheckPolicyPublicationQuery(
    { documentId: record.documentId, material: checkedMaterial, effectiveAt: checkedEffectiveAt },
    { skip: !isDraft || !permissions.canEdit }
  );
  const missing = missingFields(check.data?.problems ?? []);
  const consentProblem = check.data?.problems.find((problem) => problem.code === 'missing-consent-terms');
  const missingTerms = consentProblem ? missingTermItemsOf(consentProblem) : [];

  const change = (target: PolicyLocale, field: keyof EditableText, value: string) => {
    setTexts((previous) => ({ ...previous, [target]: { ...previous[target], [field]: value } }));
  };

  /** Saves every locale and the consent terms changed since the last save; returns the saved record, or null on failure. */
  const save = async (): Promise<EditorVersion | null> => {
    const [first, ...others] = [...dirty].map((target) => ({ locale: target, text: texts[target] }));
    if (!first && !consentDirty) return record;
    let latest = record;
    try {
      if (first) {
        latest = await updateDraft({ documentId: record.documentId, texts: [first, ...others] }).unwrap();
        setRecord(latest);
      }
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
      return null;
    }
    if (consentDirty) {
      const sent = terms;
      try {
        latest = await updateConsent({ documentId: record.documentId, terms: sent }).unwrap();
        setRecord(latest);
        setConsentRefusal(null);
        // The server's terms as the form shows them, unless the editor typed on while they were saved.
        const answered = latest.consent;
        setConsent((current) => (answered && sameTerms(termsOf(current), sent) ? consentFormOf(answered) : current));
      } catch (failure) {
        setConsentRefusal(refusalOf(failure));
        setTab(CONSENT_TAB);
        toggleNotification({ type: 'danger', message: errorMessage(failure) });
        return null;
      }
    }
    toggleNotification({ type: 'success', message: t('editor.saved') });
    return latest;
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
              <Button variant="secondary" startIcon={<Check />} onClick={save} loading={saving} disabled={dirty.size === 0 && !consentDirty}>
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
          {isDraft && missingTerms.length > 0 && (
            <Alert
              variant="warning"
              closeLabel={t('common.close')}
              title={t('editor.missing.consent')}
              action={
                tab !== CONSENT_TAB ? (
                  <Button variant="tertiary" size="S" onClick={() => setTab(CONSENT_TAB)}>
                    {t('editor.consent.open')}
                  </Button>
                ) : undefined
              }
              data-testid="missing-consent-terms"
              data-items={missingTerms.join(' ')}
            >
              {describeTermItems(missingTerms, t)}
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
                  {check.data?.material?.forcedByTerms && (
                    <Typography variant="pi" textColor="warning600" data-testid="editor-material-forced">
                      {t('editor.material.forced')}
                    </Typography>
                  )}
                </Grid.Item>
              </Grid.Root>
            </Box>
          )}
          <Box padding={6} background="neutral0" hasRadius shadow="tableShadow">
            <Tabs.Root
              value={tab}
              onValueChange={(value) => {
                setTab(value as EditorTab);
                if (value !== CONSENT_TAB) setLocale(value as PolicyLocale);
              }}
            >
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
                  <Tabs.Trigger value={CONSENT_TAB} data-testid="tab-consent">
                    {t('editor.consent.tab')}
                    {isDraft && unsetItems.length > 0 ? '⚠' : ''}
                    {consentDirty ? '•' : ''}
                  </Tabs.Trigger>
                </Tabs.List>
                {editable && tab !== CONSENT_TAB && (
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
              <Tabs.Content value={CONSENT_TAB}>
                <Box paddingTop={4}>
                  {editable ? (
                    <ConsentTermsEditor form={consent} onChange={setConsent} refusal={consentRefusal} />
                  ) : (
                    <ConsentTermsView terms={record.consent} />
                  )}
                </Box>
              </Tabs.Content>
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
