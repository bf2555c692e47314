// Types for the TypeScript tests that reuse the secrets helper (secrets.js is plain Node for the scripts).
export function appSecrets(): Record<'APP_KEYS' | 'API_TOKEN_SALT' | 'ADMIN_JWT_SECRET' | 'TRANSFER_TOKEN_SALT' | 'JWT_SECRET' | 'ENCRYPTION_KEY' | 'POLICY_VERSIONS_SIGNING_KEY', string>;
export function signingSecret(): Record<'POLICY_VERSIONS_SIGNING_KEY', string>;
