import { useState } from 'react';
import { Badge, Button, EmptyStateLayout, Flex, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { File, Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import { CreatePolicyModal } from '../components/CreatePolicyModal';
import { TableHead } from '../components/TableHead';
import { usePluginPermissions } from '../hooks/usePluginPermissions';
import { useT } from '../hooks/useT';
import { useListPoliciesQuery } from '../services/api';
import { ALMATY, formatInstant } from '../utils/dates';
import { pluginPath } from '../utils/paths';

/** Every policy with the version in force, the next scheduled one, and how many subjects accepted the current one. */
export const PoliciesPage = () => {
  const t = useT();
  const { locale, formatNumber } = useIntl();
  const navigate = useNavigate();
  const permissions = usePluginPermissions();
  const policies = useListPoliciesQuery();
  const [creating, setCreating] = useState(false);

  if (policies.isLoading) return <Page.Loading />;
  if (policies.isError) return <Page.Error />;
  const rows = policies.data ?? [];
  const createButton = permissions.canEdit && (
    <Button startIcon={<Plus />} onClick={() => setCreating(true)} data-testid="create-policy">
      {t('policies.create')}
    </Button>
  );

  return (
    <Page.Main>
      <Page.Title>{t('plugin.name')}</Page.Title>
      <Layouts.Header
        title={t('policies.title')}
        subtitle={t('policies.subtitle', { count: rows.length })}
        primaryAction={createButton}
      />
      <Layouts.Content>
        {rows.length === 0 ? (
          <EmptyStateLayout
            icon={<File width="6.4rem" height="6.4rem" />}
            content={t(permissions.canEdit ? 'policies.empty' : 'policies.empty.readOnly')}
            action={createButton}
          />
        ) : (
          <Table colCount={4} rowCount={rows.length + 1} data-testid="policies-table">
            <TableHead labels={(['policy', 'current', 'upcoming', 'accepted'] as const).map((column) => t(`policies.column.${column}`))} />
            <Tbody>
              {rows.map((policy) => (
                <Tr key={policy.key} data-policy={policy.key} onClick={() => navigate(pluginPath(policy.key))} style={{ cursor: 'pointer' }}>
                  <Td>
                    <Flex direction="column" alignItems="flex-start">
                      <Typography fontWeight="bold">{policy.title}</Typography>
                      <Typography variant="pi" textColor="neutral600">
                        {policy.key}
                      </Typography>
                    </Flex>
                  </Td>
                  <Td>
                    {policy.current ? (
                      <Flex gap={2}>
                        <Badge variant="success">v{policy.current.version}</Badge>
                        <Typography variant="pi">{t('policies.since', { date: formatInstant(policy.current.effectiveAt, locale, ALMATY) })}</Typography>
                      </Flex>
                    ) : (
                      <Typography textColor="neutral500">{t('policies.none')}</Typography>
                    )}
                  </Td>
                  <Td>
                    {policy.upcoming ? (
                      <Flex gap={2} data-testid={`upcoming-${policy.key}`}>
                        <Badge variant="primary">v{policy.upcoming.version}</Badge>
                        <Typography variant="pi">{formatInstant(policy.upcoming.effectiveAt, locale, ALMATY)}</Typography>
                        {policy.upcoming.material && <Badge variant="warning">{t('timeline.material.yes')}</Badge>}
                      </Flex>
                    ) : (
                      <Typography textColor="neutral500">—</Typography>
                    )}
                  </Td>
                  <Td>
                    {/* Counted in the list's own answer, for admins who may read acceptances. */}
                    {policy.acceptances ? (
                      <Typography data-testid={`accepted-${policy.key}`}>
                        {t('policies.accepted.count', {
                          onCurrent: formatNumber(policy.acceptances.subjectsOnCurrent),
                          total: formatNumber(policy.acceptances.subjects),
                        })}
                      </Typography>
                    ) : (
                      <Typography textColor="neutral500">—</Typography>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
      {creating && <CreatePolicyModal existing={rows} onClose={() => setCreating(false)} onCreated={(key) => navigate(pluginPath(key))} />}
    </Page.Main>
  );
};
