'use strict';

const { generateKeyPairSync, randomBytes } = require('crypto');

const secret = () => randomBytes(16).toString('base64');

/** The plugin's receipt signing key: a fresh Ed25519 seed in base64url (docs/ledger.md, "Signed receipts and keys"). */
const signingSecret = () => ({
  POLICY_VERSIONS_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }).d,
});

/** The secrets Strapi refuses to boot without, made up on the spot. */
const appSecrets = () => ({
  APP_KEYS: `${secret()},${secret()}`,
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
  ...signingSecret(),
});

module.exports = { appSecrets, signingSecret };
