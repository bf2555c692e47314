import { useState } from 'react';
import { Button, Dialog, Flex, LinkButton } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { BackButton, ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { EditorVersion } from '../../../shared/contracts/versions';
import { VersionTimeline } from '../components/VersionTimeline';
import { usePluginPermissions } from '../hooks/usePluginPermissions';
import { usePolicy } from '../hooks/usePolicy';
import { useT } from '../hooks/useT';
import { useCreatePolicyDraftMutation, useDeletePolicyDraftMutation, useWithdrawPolicyVersionMutation } from '../services/api';
import { errorMessage } from '../utils/errors';
import { pluginPath } from '../utils/paths';

type Pending = { kind: 'withdraw' | 'delete'; version: EditorVersion } | null;

/** One policy's version timeline, where drafts start and scheduled versions can be withdrawn. */
export const PolicyPage = () => {
  const { key = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const permissions = usePluginPermissions();
  const { policy, versions, isLoading } = usePolicy(key);
  const [createDraft, { isLoading: creating }] = useCreatePolicyDraftMutation();
  const [withdraw] = useWithdrawPolicyVersionMutation();
  const [deleteDraft] = useDeletePolicyDraftMutation();
  const [pending, setPending] = useState<Pending>(null);

  if (isLoading) return <Page.Loading />;
  if (!policy || !versions) return <Page.Error />;

  const startDraft = async (copyFrom: 'empty' | 'current') => {
    try {
      const draft = await createDraft({ key, copyFrom }).unwrap();
      navigate(pluginPath(key, 'versions', draft.documentId));
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    }
  };

  const confirmPending = async () => {
    if (!pending) return;
    try {
      if (pending.kind === 'withdraw') {
        await withdraw(pending.version.documentId).unwrap();
        toggleNotification({ type: 'success', message: t('timeline.withdrawn', { version: pending.version.version ?? '' }) });
      } else {
        await deleteDraft({ documentId: pending.version.documentId, policyKey: key }).unwrap();
        toggleNotification({ type: 'success', message: t('timeline.deleted') });
      }
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    }
    setPending(null);
  };

  return (
    <Page.Main>
      <Page.Title>{policy.title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={pluginPath()} />}
        title={policy.title}
        subtitle={t('policy.subtitle', { key: policy.key, locales: policy.requiredLocales.join(', ').toUpperCase() })}
        primaryAction={
          permissions.canEdit && (
            <Flex gap={2}>
              <Button variant="secondary" startIcon={<Plus />} disabled={creating} onClick={() => startDraft('empty')}>
                {t('policy.new.empty')}
              </Button>
              <Button startIcon={<Plus />} loading={creating} disabled={!policy.current} onClick={() => startDraft('current')}>
                {t('policy.new.copy')}
              </Button>
            </Flex>
          )
        }
        secondaryAction={
          <Flex gap={2}>
            <LinkButton tag={Link} to={pluginPath(key, 'diff')} variant="tertiary">
              {t('policy.compare')}
            </LinkButton>
            {permissions.canReadAcceptances && (
              <LinkButton tag={Link} to={pluginPath(key, 'acceptances')} variant="tertiary">
                {t('policy.acceptances')}
              </LinkButton>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <VersionTimeline
          versions={versions}
          permissions={permissions}
          onWithdraw={(version) => setPending({ kind: 'withdraw', version })}
          onDelete={(version) => setPending({ kind: 'delete', version })}
        />
      </Layouts.Content>
      <Dialog.Root open={pending !== null} onOpenChange={(open) => !open && setPending(null)}>
        {pending && (
          <ConfirmDialog onConfirm={confirmPending} variant="danger">
            {pending.kind === 'withdraw'
              ? t('timeline.withdraw.confirm', { version: pending.version.version ?? '' })
              : t('timeline.delete.confirm')}
          </ConfirmDialog>
        )}
      </Dialog.Root>
    </Page.Main>
  );
};
