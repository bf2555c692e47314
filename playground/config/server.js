module.exports = ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  app: { keys: env.array('APP_KEYS') },
  // Only behind a reverse proxy may X-Forwarded-For be believed.
  proxy: env.bool('TRUST_PROXY', false),
  // The plugin's time-based ledger checkpoints and timestamp retries run on Strapi's cron.
  cron: { enabled: true },
});
