const path = require('path');

module.exports = ({ env }) => ({
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  // The plugin under development, loaded from the repository root (its built dist/).
  'policy-versions': {
    enabled: true,
    resolve: path.resolve(__dirname, '..', '..'),
    config: {
      minNoticeDays: env.int('POLICY_MIN_NOTICE_DAYS', 0),
    },
  },
});
