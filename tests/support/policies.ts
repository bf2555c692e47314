import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, http, PLAYGROUND, type TestServer } from './strapi';

/** One of ../shared/fixtures/policies: only suites marked @shared-fixtures may read them (scripts/test.js). */
export const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** The demo policy's first version, written by this project: a realistic text that every clone has. */
export const demoText = (locale: 'ru' | 'kk' | 'en') =>
  fs.readFileSync(path.join(PLAYGROUND, 'demo', 'content', `privacy-v1.${locale}.md`), 'utf8');

export const KK_BODY =
  '## 1. Жалпы ережелер\n\n1.1. Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.\n\n' +
  '1.2. Пайдаланушы келісімін кез келген уақытта қайтарып ала алады.\n';

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
    publish: (documentId: string, data: Record<string, unknown>) => call('POST', `/versions/${documentId}/publish`, data),
    withdraw: (documentId: string) => call('POST', `/versions/${documentId}/withdraw`),
    /** A draft with ru, kk and en texts, published at once or at `effectiveAt`. */
    async release(key: string, texts: { ru: string; kk?: string; en?: string }, options: { effectiveAt?: string; material?: boolean } = {}) {
      const draft = await this.createDraft(key);
      for (const [locale, body] of Object.entries(texts)) {
        if (body !== undefined) await this.setLocale(draft.documentId, locale, { title: `Title ${locale}`, body, changeSummary: `Summary ${locale}` });
      }
      return this.publish(draft.documentId, { material: options.material ?? false, effectiveAt: options.effectiveAt ?? null });
    },
  };
};
