'use strict';

const crypto = require('crypto');
const { demoPolicy } = require('./revisions');

const DAY = 86_400_000;

/** Loads the demo policy once: its versions go through the plugin's own services, as an editor's would. */
async function seedPolicies(strapi) {
  const plugin = strapi.plugin('policy-versions');
  if (await plugin.service('policies').findByKey('privacy')) return false;

  const plan = demoPolicy();
  await plugin.service('policies').create({ key: plan.key, titles: plan.titles });

  const versions = plugin.service('versions');
  for (const version of plan.versions) {
    const draft = await versions.createDraft(plan.key);
    for (const [locale, text] of Object.entries(version.locales)) {
      await versions.updateDraftLocale(draft.documentId, locale, text);
    }
    await versions.updateDraftConsent(draft.documentId, version.consent);
    const effectiveAt = new Date(Date.now() + version.effectiveOffsetDays * DAY);
    // Versions already in force are history being recorded, not new publications.
    const backfill = version.effectiveOffsetDays < 0;
    await versions.publish(draft.documentId, { material: version.material, effectiveAt }, { backfill });
  }
  return true;
}

/** The first run creates the demo's administrator and prints its password once; later runs keep it. */
async function seedAdmin(strapi) {
  const users = strapi.service('admin::user');
  if ((await users.count()) > 0) return null;
  const email = process.env.DEMO_ADMIN_EMAIL || 'admin@policy-versions.demo';
  const password = process.env.DEMO_ADMIN_PASSWORD || `Demo-${crypto.randomBytes(9).toString('base64url')}`;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await users.create({ email, firstname: 'Demo', lastname: 'Admin', password, isActive: true, roles: [superAdmin.id] });
  return { email, password: process.env.DEMO_ADMIN_PASSWORD ? '(from DEMO_ADMIN_PASSWORD)' : password };
}

function printWelcome(strapi, { seeded, admin }) {
  const base = strapi.config.get('server.url') || `http://localhost:${strapi.config.get('server.port')}`;
  const lines = [
    '',
    'Policy versions demo',
    seeded ? '  Loaded the demo privacy policy: v1 superseded, v2 current, v3 scheduled in 14 days.' : '',
    admin ? `  Admin: ${base}/admin  email ${admin.email}  password ${admin.password}  (shown once)` : `  Admin: ${base}/admin`,
    '  Try:',
    `    ${base}/api/policy-versions/policies`,
    `    ${base}/api/policy-versions/policies/privacy/current?locale=ru`,
    `    ${base}/api/policy-versions/policies/privacy/current?locale=kz`,
    `    ${base}/api/policy-versions/policies/privacy/current?locale=en&at=2025-12-01T00:00:00Z`,
    `    ${base}/api/policy-versions/policies/privacy/versions`,
    `    ${base}/api/policy-versions/policies/privacy/versions/1?locale=ru`,
    '',
  ];
  process.stdout.write(`${lines.filter((line) => line !== '').join('\n')}\n\n`);
}

async function seedDemo(strapi) {
  const seeded = await seedPolicies(strapi);
  const admin = await seedAdmin(strapi);
  strapi.server.httpServer.once('listening', () => printWelcome(strapi, { seeded, admin }));
}

module.exports = { seedDemo };
