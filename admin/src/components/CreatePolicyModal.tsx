import { useState, type FormEvent } from 'react';
import { Alert, Button, Field, Flex, Modal, TextInput } from '@strapi/design-system';
import type { EditorPolicySummary } from '../../../shared/contracts/admin-policies';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
// The server's own key rule, checked while typing so the editor learns it before submitting.
import { isPolicyKey } from '../../../shared/policy-key';
import { useT } from '../hooks/useT';
import { useCreatePolicyMutation } from '../services/api';
import { errorMessage } from '../utils/errors';
import { ModalActions } from './ModalActions';

interface CreatePolicyModalProps {
  existing: EditorPolicySummary[];
  onClose: () => void;
  onCreated: (key: string) => void;
}

/** A new policy (terms, cookies, ...): its stable key and its title in each language. Its versions come next. */
export const CreatePolicyModal = ({ existing, onClose, onCreated }: CreatePolicyModalProps) => {
  const t = useT();
  const [createPolicy, { isLoading: busy }] = useCreatePolicyMutation();
  const [key, setKey] = useState('');
  const [titles, setTitles] = useState<Record<PolicyLocale, string>>({ ru: '', kk: '', en: '' });
  const [refusal, setRefusal] = useState<string | null>(null);

  const keyError =
    key === ''
      ? undefined
      : !isPolicyKey(key)
        ? t('create.key.invalid')
        : existing.some((policy) => policy.key === key)
          ? t('create.key.taken')
          : undefined;
  const given = Object.fromEntries(SUPPORTED_LOCALES.flatMap((locale) => (titles[locale].trim() ? [[locale, titles[locale].trim()]] : [])));
  const ready = key !== '' && !keyError && Object.keys(given).length > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setRefusal(null);
    try {
      await createPolicy({ key, titles: given }).unwrap();
      onCreated(key);
    } catch (failure) {
      setRefusal(errorMessage(failure));
    }
  };

  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content>
        <form onSubmit={submit} data-testid="create-policy-form">
          <Modal.Header closeLabel={t('common.close')}>
            <Modal.Title>{t('create.title')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4}>
              {refusal && (
                <Alert variant="danger" closeLabel={t('common.close')} title={t('create.refused')} onClose={() => setRefusal(null)}>
                  {refusal}
                </Alert>
              )}
              <Field.Root name="key" required error={keyError} hint={t('create.key.hint')}>
                <Field.Label>{t('create.key')}</Field.Label>
                <TextInput value={key} placeholder="terms" onChange={(event) => setKey(event.target.value.trim())} />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              {SUPPORTED_LOCALES.map((locale) => (
                <Field.Root key={locale} name={`title-${locale}`}>
                  <Field.Label>{t('create.titleIn', { language: t(`locale.${locale}`) })}</Field.Label>
                  <TextInput value={titles[locale]} onChange={(event) => setTitles({ ...titles, [locale]: event.target.value })} />
                </Field.Root>
              ))}
            </Flex>
          </Modal.Body>
          <ModalActions>
            <Button type="submit" disabled={!ready} loading={busy} data-testid="confirm-create-policy">
              {t('create.confirm')}
            </Button>
          </ModalActions>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};
