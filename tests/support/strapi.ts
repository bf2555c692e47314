import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { isolateDatabase as createDatabase } from '../../scripts/lib/databases';
import { generateSigningKey } from '../../server/src/domain/evidence/keys';
import { appSecrets } from '../../scripts/lib/secrets';

export const PLAYGROUND = path.resolve(__dirname, '..', '..', 'playground');
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures', 'policies');

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';

export interface TestServer {
  strapi: Core.Strapi;
  baseUrl: string;
  client: DatabaseClient;
  stop(): Promise<void>;
}

export const databaseClient = (): DatabaseClient => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client !== 'sqlite' && client !== 'postgres' && client !== 'mysql') {
    throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql, not ${client}`);
  }
  return client;
};

/**
 * Gives each test file a database of its own (scripts/lib/databases.js): a temporary SQLite file (in RAM where
 * /dev/shm exists), a fresh PostgreSQL schema, or a fresh MariaDB database, dropped again by the function returned.
 */
export async function isolateDatabase(client: DatabaseClient): Promise<() => Promise<void>> {
  const sqliteDir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'pv-'));
  const database = await createDatabase(client, { prefix: 'pv_test', sqliteDir });
  Object.assign(process.env, database.env);
  return async () => {
    await database.drop();
    fs.rmSync(sqliteDir, { recursive: true, force: true });
  };
}

export const SOURCE_PLUGIN = path.join(__dirname, 'plugin-source');
export const BUILT_PLUGIN = path.resolve(__dirname, '..', '..');

/** One receipt signing key per test process, so a restart within a test file signs with the same key. */
export const TEST_SIGNING_KEY = generateSigningKey().seed;

/** The environment a test Strapi boots with: test mode, fresh secrets, the plugin from the given path. */
export const testServerEnv = (pluginPath: string = SOURCE_PLUGIN) => ({
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  ...appSecrets(),
  STRAPI_TELEMETRY_DISABLED: 'true',
  BROWSER: 'none',
  POLICY_VERSIONS_PLUGIN_PATH: pluginPath,
  POLICY_VERSIONS_SIGNING_KEY: TEST_SIGNING_KEY,
});

/**
 * Boots the playground app with the plugin, on a database of its own, listening on a free port. The
 * plugin is loaded from its TypeScript source unless a test asks for the built package.
 */
export async function startServer({
  pluginPath = SOURCE_PLUGIN,
  env = {},
  beforeLoad,
}: {
  pluginPath?: string;
  /** Variables over testServerEnv's, e.g. another signing key. */
  env?: Record<string, string>;
  /** Runs on the created Strapi before it loads, e.g. to watch what the bootstrap logs. */
  beforeLoad?: (strapi: Core.Strapi) => void;
} = {}): Promise<TestServer> {
  const client = databaseClient();
  Object.assign(process.env, testServerEnv(pluginPath), env);
  const dropDatabase = await isolateDatabase(client);
  const created = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND });
  beforeLoad?.(created);
  const strapi = await created.load();
  strapi.log.level = 'error';
  await strapi.listen();
  const address = strapi.server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('Strapi did not listen on a TCP port');
  return {
    strapi,
    client,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async stop() {
      await strapi.destroy();
      await dropDatabase();
    },
  };
}

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A fetch that returns the parsed JSON body with status and headers, for terse assertions. */
export async function http<T = any>(
  server: TestServer,
  method: string,
  urlPath: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string>; token?: string } = {}
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(`${server.baseUrl}${urlPath}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: any = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body };
}

/**
 * Creates an admin user and logs it in: a super admin, a role with exactly the given actions, or one of
 * Strapi's own roles by code (`strapi-editor`, `strapi-author`).
 */
export async function adminToken(server: TestServer, actions?: string[] | { roleCode: string }): Promise<string> {
  const { strapi } = server;
  const email = `admin-${randomBytes(4).toString('hex')}@example.test`;
  const password = 'Test-Password-1';
  let roleId: number;
  if (actions && !Array.isArray(actions)) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code: actions.roleCode } });
    if (!role) throw new Error(`no admin role with code ${actions.roleCode}`);
    roleId = role.id;
  } else if (actions) {
    const role = await strapi.service('admin::role').create({ name: `role-${email}`, description: 'test role' });
    await strapi.service('admin::role').assignPermissions(
      role.id,
      actions.map((action) => ({ action, subject: null, conditions: [], properties: {} }))
    );
    roleId = role.id;
  } else {
    roleId = (await strapi.service('admin::role').getSuperAdmin()).id;
  }
  await strapi.service('admin::user').create({
    email,
    firstname: 'Test',
    lastname: 'Admin',
    password,
    isActive: true,
    roles: [roleId],
    registrationToken: null,
  });
  const login = await http(server, 'POST', '/admin/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return login.body.data.token;
}
