import { randomBytes } from 'node:crypto';
import { http, type TestServer } from './strapi';

export const LEDGER = '/api/policy-versions/policies';

/** A users-permissions end user in the Authenticated role, signed in. */
export async function endUser(server: TestServer): Promise<{ id: string; jwt: string }> {
  const name = `user${randomBytes(4).toString('hex')}`;
  const password = 'User-Password-1';
  const register = await http(server, 'POST', '/api/auth/local/register', {
    body: { username: name, email: `${name}@example.test`, password },
  });
  if (register.status !== 200) throw new Error(`register failed: ${register.status} ${JSON.stringify(register.body)}`);
  const login = await http(server, 'POST', '/api/auth/local', { body: { identifier: `${name}@example.test`, password } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { id: String(login.body.user.id), jwt: login.body.jwt };
}

/** An API token: full access, or custom with exactly the given content-API actions. */
export async function apiToken(server: TestServer, actions?: string[]): Promise<string> {
  const token = await server.strapi.service('admin::api-token').create({
    name: `token-${randomBytes(4).toString('hex')}`,
    kind: 'content-api',
    type: actions ? 'custom' : 'full-access',
    permissions: actions ?? [],
    lifespan: null,
  });
  return token.accessKey;
}

export const ledgerAction = (action: string) => `plugin::policy-versions.acceptances.${action}`;

export const countRecords = (server: TestServer) => server.strapi.db.query('plugin::policy-versions.acceptance').count({});
