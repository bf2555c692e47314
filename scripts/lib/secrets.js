'use strict';

const { randomBytes } = require('crypto');

const secret = () => randomBytes(16).toString('base64');

/** The secrets Strapi refuses to boot without, made up on the spot. */
const appSecrets = () => ({
  APP_KEYS: `${secret()},${secret()}`,
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
});

module.exports = { appSecrets };
