import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseClient, isolateDatabase, testServerEnv } from './strapi';

const ROOT = path.resolve(__dirname, '..', '..');

export interface ChildServer {
  process: ChildProcess;
  url: string;
}

const children = new Set<ChildProcess>();

/**
 * Boots the playground in a child process (tests/support/serve.js) with the given environment, for tests
 * that need a real process to kill or several servers on one database. Resolves once it listens.
 */
export function bootChild(env: NodeJS.ProcessEnv): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(ROOT, 'tests/support/serve.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const ready = /READY (\d+)/.exec(output);
      if (ready) resolve({ process: child, url: `http://127.0.0.1:${ready[1]}` });
    });
    child.stderr!.on('data', (chunk) => (errors += chunk));
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it was ready: ${errors.slice(-2000)}`)));
  });
}

export const killChild = (child: ChildServer) =>
  new Promise<void>((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });

/** Kills every child still running: for afterAll, so a failed test leaves no server behind. */
const killAllChildren = () => {
  for (const child of children) child.kill('SIGKILL');
};

/**
 * One database for child servers to share: a fresh SQLite file, PostgreSQL schema or MariaDB database,
 * the environment that points servers at it (serve.js seeds it on first boot and writes what it created to
 * `setupFile`), and the clean-up that kills the servers and drops it.
 */
export async function sharedDatabase(prefix: string) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const setupFile = path.join(workDir, 'setup.json');
  const saved = { ...process.env };
  const dropDatabase = await isolateDatabase(databaseClient());
  // isolateDatabase points process.env at the new database; the children get that, this process does not.
  const env: NodeJS.ProcessEnv = { ...process.env, ...testServerEnv(), PV_SETUP_FILE: setupFile };
  process.env = saved;
  return {
    env,
    setup: () => JSON.parse(fs.readFileSync(setupFile, 'utf8')),
    async cleanup() {
      killAllChildren();
      await dropDatabase();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Calls an admin route of a child server as the seeded admin (signed in for the call); anything but 2xx throws. */
export async function childAdminCall(
  server: ChildServer,
  admin: { email: string; password: string },
  method: string,
  route: string,
  body?: unknown
) {
  const login = await fetch(`${server.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const token = ((await login.json()) as any).data.token as string;
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as any;
  if (response.status >= 300) throw new Error(`${method} ${route} → ${response.status} ${JSON.stringify(json)}`);
  return json.data;
}
