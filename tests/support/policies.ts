import fs from 'node:fs';
import path from 'node:path';
import type { ConsentTermsDraft } from '../../shared/consent-terms';
import { FIXTURES, http, PLAYGROUND, type TestServer } from './strapi';

/** One of ../shared/fixtures/policies: only suites marked @shared-fixtures may read them (scripts/test.js). */
export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** The demo policy's first version, written by this project: a realistic text that every clone has. */
export const demoText = (locale: 'ru' | 'kk' | 'en') =>
  fs.readFileSync(path.join(PLAYGROUND, 'demo', 'content', `privacy-v1.${locale}.md`), 'utf8');

export const KK_BODY =
  '## 1. Жалпы ережелер\n\n1.1. Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.\n\n' +
  '1.2. Пайдаланушы келісімін кез келген уақытта қайтарып ала алады.\n';

/** Complete consent terms (every Law 94-V Art. 8(4) item) of a Kazakh operator, for versions a test publishes. */
export const DEMO_TERMS = {
  operator: { name: 'ТОО «Пример»', bin: '123456789012' },
  dataCategories: ['Фамилия, имя', 'Адрес электронной почты', 'Номер телефона'],
  purposes: [
    { id: 'service', required: true, title: { ru: 'Оказание услуг', kk: 'Қызмет көрсету', en: 'Providing the service' } },
    { id: 'analytics', required: false, title: { ru: 'Аналитика посещений', kk: 'Кірулерді талдау', en: 'Visit analytics' } },
  ],
  term: 'until-withdrawn',
  thirdParties: [],
  crossBorder: [],
  publicSources: false,
  storageLocation: 'KZ',
  contact: 'privacy@primer.kz',
} satisfies ConsentTermsDraft;

/** Admin API calls the tests repeat; each asserts its own status so a failure names the step. */
export const editor = (server: TestServer, token: string) => {
  const call = async (method: string, url: string, body?: unknown, expected = [200, 201, 204]) => {
    const result = await http(server, method, `/policy-versions${url}`, { token, body });
    if (!expected.includes(result.status)) {
      throw new Error(`${method} ${url} → ${result.status} ${JSON.stringify(result.body)}`);
    }
    return result.body?.data;
  };
  return {
    call,
    createPolicy: (key: string, extra: Record<string, unknown> = {}) =>
      call('POST', '/policies', { key, titles: { ru: 'Политика конфиденциальности', kk: 'Құпиялылық саясаты', en: 'Privacy policy' }, ...extra }),
    createDraft: (key: string, copyFrom?: unknown) => call('POST', `/policies/${key}/versions`, copyFrom === undefined ? {} : { copyFrom }),
    setLocale: (documentId: string, locale: string, data: Record<string, unknown>) =>
      call('PUT', `/versions/${documentId}/locales/${locale}`, data),
    setConsent: (documentId: string, terms: unknown) => call('PUT', `/versions/${documentId}/consent`, terms),
    publish: (documentId: string, data: Record<string, unknown>) => call('POST', `/versions/${documentId}/publish`, data),
    withdraw: (documentId: string) => call('POST', `/versions/${documentId}/withdraw`),
    /** A draft with ru, kk and en texts and consent terms (DEMO_TERMS unless given), published at once or at `effectiveAt`. */
    async release(
      key: string,
      texts: { ru: string; kk?: string; en?: string },
      options: { effectiveAt?: string; material?: boolean; consent?: ConsentTermsDraft } = {}
    ) {
      const draft = await this.createDraft(key);
      for (const [locale, body] of Object.entries(texts)) {
        if (body !== undefined) await this.setLocale(draft.documentId, locale, { title: `Title ${locale}`, body, changeSummary: `Summary ${locale}` });
      }
      await this.setConsent(draft.documentId, options.consent ?? DEMO_TERMS);
      return this.publish(draft.documentId, { material: options.material ?? false, effectiveAt: options.effectiveAt ?? null });
    },
  };
};
