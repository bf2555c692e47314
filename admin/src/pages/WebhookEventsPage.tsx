import { Badge, Box, Checkbox, EmptyStateLayout, Flex, LinkButton, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Plus, Webhooks } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { Link } from 'react-router-dom';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../shared/webhook-events';
import { useT, type MessageKey } from '../hooks/useT';
import { useListPolicyWebhooksQuery, useUpdatePolicyWebhookEventsMutation, type StrapiWebhook } from '../services/api';
import { errorMessage } from '../utils/errors';

const EVENTS = Object.values(WEBHOOK_EVENTS);
// Module-level so useRBAC sees the same array on every render.
const PERMISSIONS = [{ action: 'admin::webhooks.update', subject: null }];

/**
 * Settings › Policies › Webhook events: which of Strapi's webhooks receive the plugin's events. Strapi's own
 * webhook form lists only its built-in events and has no way to add others, so they are chosen here; the
 * webhooks themselves (URL, headers, Strapi's events) are still made and edited in Settings › Webhooks.
 */
export const WebhookEventsPage = () => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const webhooks = useListPolicyWebhooksQuery();
  const [update, { isLoading: saving }] = useUpdatePolicyWebhookEventsMutation();
  const canUpdate = allowedActions.canUpdate === true;

  if (webhooks.isLoading) return <Page.Loading />;
  if (webhooks.isError) return <Page.Error />;
  const rows = webhooks.data ?? [];

  const toggle = async (webhook: StrapiWebhook, event: WebhookEvent, on: boolean) => {
    const current = EVENTS.filter((name) => webhook.events.includes(name));
    const pluginEvents = on ? [...current, event] : current.filter((name) => name !== event);
    try {
      await update({ webhook, pluginEvents }).unwrap();
      toggleNotification({ type: 'success', message: t('webhooks.saved', { name: webhook.name }) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };

  const createButton = (
    <LinkButton tag={Link} to="/settings/webhooks/create" startIcon={<Plus />} variant="secondary">
      {t('webhooks.create')}
    </LinkButton>
  );

  return (
    <Page.Main>
      <Page.Title>{t('webhooks.title')}</Page.Title>
      <Layouts.Header title={t('webhooks.title')} subtitle={t('webhooks.subtitle')} primaryAction={createButton} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {rows.length === 0 ? (
            <EmptyStateLayout icon={<Webhooks width="6.4rem" height="6.4rem" />} content={t('webhooks.empty')} action={createButton} />
          ) : (
            <Table colCount={EVENTS.length + 1} rowCount={rows.length + 1} data-testid="webhook-events-table">
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('webhooks.column.webhook')}</Typography>
                  </Th>
                  {EVENTS.map((event) => (
                    <Th key={event}>
                      <Typography variant="sigma" title={event}>
                        {t(`webhooks.event.${event}` as MessageKey)}
                      </Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((webhook) => (
                  <Tr key={webhook.id} data-webhook={webhook.name}>
                    <Td>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Flex gap={2}>
                          <Typography fontWeight="bold">{webhook.name}</Typography>
                          {!webhook.isEnabled && <Badge>{t('webhooks.disabled')}</Badge>}
                        </Flex>
                        <Typography variant="pi" textColor="neutral600">
                          {webhook.url}
                        </Typography>
                      </Flex>
                    </Td>
                    {EVENTS.map((event) => (
                      <Td key={event}>
                        <Checkbox
                          aria-label={t('webhooks.toggle', { event, name: webhook.name })}
                          name={`${webhook.name}:${event}`}
                          checked={webhook.events.includes(event)}
                          disabled={!canUpdate || saving}
                          onCheckedChange={(checked) => toggle(webhook, event, checked === true)}
                        />
                      </Td>
                    ))}
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Box>
            <Typography variant="omega" textColor="neutral600">
              {t('webhooks.help')}
            </Typography>
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
