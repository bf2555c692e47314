import { useState } from 'react';
import { Button, Dialog, Flex, LinkButton } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { BackButton, ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { VersionRecord } from '../api/types';
import { usePolicyApi } from '../api/usePolicyApi';
import { VersionTimeline } from '../components/VersionTimeline';
import { usePluginPermissions } from '../hooks/usePluginPermissions';
import { usePolicy } from '../hooks/usePolicy';
import { useT } from '../hooks/useT';
import { errorMessage } from '../utils/errors';
import { pluginPath } from '../utils/paths';
import { timelineStatuses } from '../utils/versionStatus';

type Pending = { kind: 'withdraw' | 'delete'; version: VersionRecord } | null;

/** One policy's version timeline, where drafts start and scheduled versions can be withdrawn. */
export const PolicyPage = () => {
  const { key = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const api = usePolicyApi();
  const { toggleNotification } = useNotification();
  const permissions = usePluginPermissions();
  const loaded = usePolicy(key);
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending>(null);

  if (loaded.loading && !loaded.data) return <Page.Loading />;
  if (loaded.error || !loaded.data) return <Page.Error />;
  const { policy, versions } = loaded.data;
  const statuses = timelineStatuses(versions, new Date());

  const createDraft = async (copyFrom: 'empty' | 'current') => {
    setCreating(true);
    try {
      const draft = await api.createDraft(key, copyFrom);
      navigate(pluginPath(key, 'versions', draft.documentId));
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
      setCreating(false);
    }
  };

  const confirmPending = async () => {
    if (!pending) return;
    try {
      if (pending.kind === 'withdraw') {
        await api.withdraw(pending.version.documentId);
        toggleNotification({ type: 'success', message: t('timeline.withdrawn', { version: pending.version.version ?? '' }) });
      } else {
        await api.deleteDraft(pending.version.documentId);
        toggleNotification({ type: 'success', message: t('timeline.deleted') });
      }
    } catch (failure) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    }
    setPending(null);
    loaded.reload();
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
              <Button variant="secondary" startIcon={<Plus />} disabled={creating} onClick={() => createDraft('empty')}>
                {t('policy.new.empty')}
              </Button>
              <Button startIcon={<Plus />} loading={creating} disabled={!policy.current} onClick={() => createDraft('current')}>
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
          statuses={statuses}
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
