import { PLUGIN_ID } from './pluginId';
import { PluginIcon } from './components/PluginIcon';

export default {
  register(app: any) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Policies' },
      permissions: [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }],
      Component: () => import('./pages/App').then((module) => ({ default: module.App })),
    });
    // Strapi's webhook form cannot list a plugin's events, so they get a settings page of their own.
    app.addSettingsLink({ id: PLUGIN_ID, intlLabel: { id: `${PLUGIN_ID}.settings.section`, defaultMessage: 'Policies' } }, [
      {
        id: 'webhook-events',
        to: `${PLUGIN_ID}/webhook-events`,
        intlLabel: { id: `${PLUGIN_ID}.settings.webhookEvents`, defaultMessage: 'Webhook events' },
        permissions: [{ action: 'admin::webhooks.read', subject: null }],
        Component: () => import('./pages/WebhookEventsPage').then((module) => ({ default: module.WebhookEventsPage })),
      },
    ]);
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

const prefixKeys = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
