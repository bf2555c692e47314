const path = require('path');

module.exports = ({ env }) => ({
  // Listed before users-permissions on purpose: start-up must not depend on the order of these entries
  // (the Authenticated role's ledger grant waits for the role when this plugin boots first).
  // The plugin under development, loaded from the repository root (its built dist/). The test suites point
  // POLICY_VERSIONS_PLUGIN_PATH at a shim that loads the TypeScript source instead.
  'policy-versions': {
    enabled: true,
    resolve: env('POLICY_VERSIONS_PLUGIN_PATH', path.resolve(__dirname, '..', '..')),
    config: {
      minNoticeDays: env.int('POLICY_MIN_NOTICE_DAYS', 0),
      fastRead: env.bool('POLICY_FAST_READ', false),
      ledger: {
        fastPath: env.bool('POLICY_FAST_LEDGER', false),
        // The receipt signing key (playground/.env, written by the demo) and, after a rotation, the retired
        // public keys as JSON: [{ "publicKey": "...", "retiredAt": "..." }].
        signing: {
          privateKey: env('POLICY_VERSIONS_SIGNING_KEY'),
          retired: env.json('POLICY_VERSIONS_RETIRED_KEYS', []),
        },
        checkpoints: { every: env.int('POLICY_CHECKPOINT_EVERY', 1000), intervalSeconds: env.int('POLICY_CHECKPOINT_SECONDS', 3600) },
        // Witnesses for the checkpoints: an RFC 3161 authority (its CA as PEM) and a JSON-lines file.
        anchors: {
          tsa: env('POLICY_TSA_URL') ? { url: env('POLICY_TSA_URL'), trustedCertificates: env('POLICY_TSA_CA') ? [env('POLICY_TSA_CA')] : undefined } : null,
          file: env('POLICY_ANCHOR_FILE', null),
        },
      },
    },
  },
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  // GraphQL is a door to every content type; the plugin keeps its own types out of the generated CRUD.
  graphql: { enabled: true, config: { landingPage: false, depthLimit: 10, defaultLimit: 25, maxLimit: 100 } },
});
