import type { Core } from '@strapi/strapi';
import { SUPPORTED_LOCALES } from '../../shared/locales';
import { adminActions } from './permissions';
import { grantLedgerRoutesOnce } from './utils/ledger-grants';
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
  await grantLedgerRoutesOnce(strapi);
};
