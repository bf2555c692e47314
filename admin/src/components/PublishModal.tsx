import { useState } from 'react';
import { Box, Button, Flex, Modal, SingleSelectOption, SingleSelect, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { type PolicyLocale, type PolicySummary, type PublicationProblem, type VersionRecord } from '../api/types';
import { SUPPORTED_LOCALES } from '../../../shared/locales';
import { usePolicyApi } from '../api/usePolicyApi';
import { useT } from '../hooks/useT';
import { formatInstant, ALMATY } from '../utils/dates';
import { errorMessage, publicationProblems } from '../utils/errors';
import { publicationChecks } from '../utils/publicationChecks';
import { DiffPanel } from './DiffPanel';
import { PublicationCheckList } from './PublicationCheckList';
import { ServerProblems } from './ServerProblems';

interface PublishModalProps {
  policy: PolicySummary;
  draft: VersionRecord;
  lastEffectiveAt: Date | null;
  effectiveAt: Date | null;
  material: boolean;
  onClose: () => void;
  onPublished: (version: VersionRecord) => void;
}

/**
 * The last look before a version becomes immutable: when and how it takes effect, the checks, and what
 * changes against the version in force. The server has the final word; its refusal is shown here.
 */
export const PublishModal = ({ policy, draft, lastEffectiveAt, effectiveAt, material, onClose, onPublished }: PublishModalProps) => {
  const t = useT();
  const { locale: adminLocale } = useIntl();
  const api = usePolicyApi();
  const drafted = SUPPORTED_LOCALES.filter((locale) => draft.locales[locale]?.body.trim());
  const [diffLocale, setDiffLocale] = useState<PolicyLocale>(drafted[0] ?? policy.requiredLocales[0] ?? 'ru');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; problems: PublicationProblem[] } | null>(null);
  const checks = publicationChecks({
    draft,
    requiredLocales: policy.requiredLocales,
    effectiveAt,
    lastEffectiveAt,
    material,
    now: new Date(),
  });

  const publish = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      onPublished(await api.publish(draft.documentId, { material, effectiveAt: effectiveAt?.toISOString() ?? null }));
    } catch (failure) {
      setRefusal({ message: errorMessage(failure), problems: publicationProblems(failure) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open) => !open && onClose()}>
      <Modal.Content style={{ width: 'min(110rem, 95vw)' }}>
        <Modal.Header closeLabel={t('common.close')}>
          <Modal.Title>{t('publish.title', { policy: policy.title })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Flex direction="column" alignItems="flex-start" gap={1} data-testid="publish-when">
              <Typography>
                {effectiveAt
                  ? t('publish.when', { almaty: formatInstant(effectiveAt, adminLocale, ALMATY), utc: formatInstant(effectiveAt, adminLocale, 'UTC') })
                  : t('publish.when.now')}
              </Typography>
              <Typography fontWeight="bold" textColor={material ? 'warning600' : 'neutral800'}>
                {material ? t('publish.material.yes') : t('publish.material.no')}
              </Typography>
            </Flex>
            <Box>
              <Typography variant="delta" tag="h3">
                {t('publish.checks')}
              </Typography>
              <Box paddingTop={3}>
                <PublicationCheckList checks={checks} />
              </Box>
            </Box>
            {refusal && <ServerProblems problems={refusal.problems} message={refusal.message} />}
            <Box>
              <Flex justifyContent="space-between" alignItems="center" paddingBottom={3} gap={4}>
                <Typography variant="delta" tag="h3">
                  {t('publish.diff')}
                </Typography>
                <Box minWidth="16rem">
                  <SingleSelect
                    aria-label={t('diff.locale')}
                    value={diffLocale}
                    onChange={(value) => setDiffLocale(value as PolicyLocale)}
                  >
                    {SUPPORTED_LOCALES.map((locale) => (
                      <SingleSelectOption key={locale} value={locale}>
                        {t(`locale.${locale}`)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Box>
              </Flex>
              {policy.current ? (
                <DiffPanel from="current" to={draft.documentId} locale={diffLocale} layout="inline" />
              ) : (
                <Typography textColor="neutral600">{t('publish.diff.first')}</Typography>
              )}
            </Box>
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel')}</Button>
          </Modal.Close>
          <Button onClick={publish} loading={busy} variant={material ? 'danger' : 'default'} data-testid="confirm-publish">
            {t('publish.confirm')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
