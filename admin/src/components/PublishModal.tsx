import { useState } from 'react';
import { Alert, Box, Button, Flex, Modal, SingleSelectOption, SingleSelect, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { PolicySummary } from '../../../shared/contracts/policies';
import type { EditorVersion, PublicationProblem } from '../../../shared/contracts/versions';
import { SUPPORTED_LOCALES, type PolicyLocale } from '../../../shared/locales';
import { useT } from '../hooks/useT';
import { useCheckPolicyPublicationQuery, usePublishPolicyVersionMutation } from '../services/api';
import { formatInstant, ALMATY } from '../utils/dates';
import { errorMessage, publicationProblems } from '../utils/errors';
import { DiffPanel } from './DiffPanel';
import { localizeProblems, PublicationCheckList } from './PublicationCheckList';
import { ServerProblems } from './ServerProblems';
import { ModalActions } from './ModalActions';

interface PublishModalProps {
  policy: PolicySummary;
  draft: EditorVersion;
  effectiveAt: Date | null;
  material: boolean;
  onClose: () => void;
  onPublished: (version: EditorVersion) => void;
}

/**
 * The last look before a version becomes immutable: when and how it takes effect, the server's dry run of
 * the publication, and what changes against the version in force. The dry run is asked afresh on opening
 * (it judges against the clock); the publication itself may still be refused, and its refusal is shown here.
 */
export const PublishModal = ({ policy, draft, effectiveAt, material, onClose, onPublished }: PublishModalProps) => {
  const t = useT();
  const { locale: adminLocale } = useIntl();
  const drafted = SUPPORTED_LOCALES.filter((locale) => draft.locales[locale]?.body.trim());
  const [diffLocale, setDiffLocale] = useState<PolicyLocale>(drafted[0] ?? policy.requiredLocales[0] ?? 'ru');
  const [refusal, setRefusal] = useState<{ message: string; problems: PublicationProblem[] } | null>(null);
  const settings = { material, effectiveAt: effectiveAt?.toISOString() ?? null };
  const check = useCheckPolicyPublicationQuery({ documentId: draft.documentId, ...settings }, { refetchOnMountOrArgChange: true });
  const [publishVersion, { isLoading: busy }] = usePublishPolicyVersionMutation();
  // What the server will publish it as: the editor's choice, unless the consent terms changed and force it.
  const forced = !check.isFetching && check.data?.material?.forcedByTerms ? check.data.material : null;
  const publishedAsMaterial = forced ? forced.value : material;

  const publish = async () => {
    setRefusal(null);
    try {
      onPublished(await publishVersion({ documentId: draft.documentId, ...settings }).unwrap());
    } catch (failure) {
      setRefusal({ message: errorMessage(failure), problems: publicationProblems(failure) });
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
              <Typography fontWeight="bold" textColor={publishedAsMaterial ? 'warning600' : 'neutral800'} data-testid="publish-material" data-material={publishedAsMaterial}>
                {publishedAsMaterial ? t('publish.material.yes') : t('publish.material.no')}
              </Typography>
            </Flex>
            {forced && (
              <Alert
                variant="warning"
                closeLabel={t('common.close')}
                title={t('publish.material.forced.title')}
                data-testid="material-forced"
              >
                <Flex direction="column" alignItems="flex-start" gap={2}>
                  <Typography>{t(material ? 'publish.material.forced.chosen' : 'publish.material.forced')}</Typography>
                  {forced.reasons.length > 0 && (
                    <Box>
                      <Typography fontWeight="bold" tag="h4">
                        {t('publish.material.reasons')}
                      </Typography>
                      {/* The server's own English words, one per difference. */}
                      <Flex direction="column" alignItems="flex-start" gap={1} tag="ul" paddingTop={1} lang="en" data-testid="material-reasons">
                        {forced.reasons.map((reason, index) => (
                          <Typography key={index} tag="li">
                            {reason}
                          </Typography>
                        ))}
                      </Flex>
                    </Box>
                  )}
                </Flex>
              </Alert>
            )}
            <Box>
              <Typography variant="delta" tag="h3">
                {t('publish.checks')}
              </Typography>
              <Box paddingTop={3}>
                <PublicationCheckList check={check.data} checking={check.isFetching} error={check.error} />
              </Box>
            </Box>
            {refusal && <ServerProblems problems={localizeProblems(refusal.problems, t)} message={refusal.message} />}
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
        <ModalActions>
          <Button
            onClick={publish}
            loading={busy}
            // Only once the dry run says it would go through.
            disabled={check.isFetching || !check.data?.ok}
            variant={publishedAsMaterial ? 'danger' : 'default'}
            data-testid="confirm-publish"
          >
            {t('publish.confirm')}
          </Button>
        </ModalActions>
      </Modal.Content>
    </Modal.Root>
  );
};
