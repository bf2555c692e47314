import type { Core } from '@strapi/strapi';
import { SUPPORTED_LOCALES } from '../../shared/locales';
import { adminActions } from './permissions';
import { grantLedgerRoutesOnce } from './utils/ledger-grants';
import { WEBHOOK_EVENTS } from '../../shared/webhook-events';
import { getService } from './utils/plugin';

const LOCALE_NAMES: Record<(typeof SUPPORTED_LOCALES)[number], string> = {
  ru: 'Russian (ru)',
  kk: 'Kazakh (kk)',
  en: 'English (en)',
};

// i18n ships with English only; versions are stored per locale, so the plugin's locales must exist.
async function ensureLocales(strapi: Core.Strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  const existing = new Set(((await locales.find()) as Array<{ code: string }>).map((locale) => locale.code));
  for (const code of SUPPORTED_LOCALES) {
    if (!existing.has(code)) await locales.create({ code, name: LOCALE_NAMES[code] });
  }
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(adminActions);
  await ensureLocales(strapi);
  await getService(strapi, 'versions').releaseLegacyVersions();
  getService(strapi, 'signing').warnIfUnsigned();
  await getService(strapi, 'ledger').ensureChain();
  // Checkpoints, publications and consents go out as Strapi webhook events, delivered to the webhooks that name them.
  for (const [key, event] of Object.entries(WEBHOOK_EVENTS)) strapi.get('webhookStore').addAllowedEvent(key, event);
  await getService(strapi, 'webhooks').recordBaseline();
  const checkpoint = () =>
    getService(strapi, 'ledger')
      .updateLog()
      .then(() => getService(strapi, 'transparency-log').anchorPending())
      .catch((error: Error) => strapi.log.error(`policy-versions: the transparency log could not be brought up to date: ${error.message}`));
  await checkpoint();
  // Time-based checkpoints and timestamp retries when no append brings them (needs server.cron.enabled).
  strapi.cron.add({
    'policy-versions-checkpoint': {
      task: checkpoint,
      options: { rule: '*/30 * * * * *' },
    },
    // Every instance ticks at the same seconds; the claim in the database lets one of them send each event.
    'policy-versions-effective': {
      task: () => getService(strapi, 'webhooks').tick(),
      options: { rule: '*/10 * * * * *' },
    },
  });
  await grantLedgerRoutesOnce(strapi);
};
