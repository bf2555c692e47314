'use strict';

/**
 * Boots the playground Strapi in this process with the plugin loaded from its TypeScript source, for the
 * fault tests that must kill a real server (SIGKILL) or run two of them on one database. Launch with
 * `node --require tsx/cjs tests/support/serve.js`; the database and the secrets come from the environment,
 * so a restart with the same environment reopens the same data.
 *
 * With PV_SETUP_FILE set and no file there yet, it first creates a policy with a published version, a
 * full-access API token and a super admin, and writes what the test needs to that file. It prints
 * `READY <port>` once it listens.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');
const { DEMO_TERMS } = require('./policies');

const PLAYGROUND = path.resolve(__dirname, '..', '..', 'playground');
const RU = '## 1. Общие положения\n\n1.1. Политика обработки персональных данных.\n';
const KK = '## 1. Жалпы ережелер\n\n1.1. Бұл саясат дербес деректерді өңдеу тәртібін белгілейді.\n';

async function setup(strapi, file) {
  const plugin = strapi.plugin('policy-versions');
  await plugin.service('policies').create({ key: 'privacy', titles: { ru: 'Политика', kk: 'Саясат', en: 'Policy' } });
  const draft = await plugin.service('versions').createDraft('privacy');
  await plugin.service('versions').updateDraftLocale(draft.documentId, 'ru', { title: 'Политика', body: RU });
  await plugin.service('versions').updateDraftLocale(draft.documentId, 'kk', { title: 'Саясат', body: KK });
  await plugin.service('versions').updateDraftConsent(draft.documentId, DEMO_TERMS);
  await plugin.service('versions').publish(draft.documentId, { material: true, effectiveAt: null });
  const token = await strapi.service('admin::api-token').create({
    name: 'fault-tests',
    kind: 'content-api',
    type: 'full-access',
    permissions: [],
    lifespan: null,
  });
  const admin = { email: 'officer@example.test', password: 'Officer-Password-1' };
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    ...admin,
    firstname: 'Compliance',
    lastname: 'Officer',
    isActive: true,
    roles: [superAdmin.id],
    registrationToken: null,
  });
  fs.writeFileSync(file, JSON.stringify({ token: token.accessKey, admin }));
}

(async () => {
  const strapi = await createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND }).load();
  strapi.log.level = 'error';
  const file = process.env.PV_SETUP_FILE;
  if (file && !fs.existsSync(file)) await setup(strapi, file);
  await strapi.listen();
  process.stdout.write(`READY ${strapi.server.httpServer.address().port}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
