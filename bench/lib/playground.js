'use strict';

/**
 * Boots the playground app as `strapi start` (production mode) in a child process, so the load generator in
 * this process never shares an event loop with the server it measures. Each boot gets a database of its own
 * (scripts/lib/databases.js: a SQLite file in RAM, a fresh PostgreSQL schema or MariaDB database) and secrets made up on the spot.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { isolateDatabase } = require('../../scripts/lib/databases');
const { appSecrets } = require('../../scripts/lib/secrets');

const ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');
// The package exports no bin path, so it is found next to its package.json (hoisted to the root by the workspace).
const STRAPI_BIN = path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [PLAYGROUND] })), 'bin', 'strapi.js');
const BOOT_LIMIT_MS = 120_000;


/** A port the kernel just handed out and released: free unless someone grabs it in the next milliseconds. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(baseUrl, child, logFile) {
  const deadline = Date.now() + BOOT_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Strapi exited with ${child.exitCode} while booting:\n${tail(logFile)}`);
    try {
      // Strapi's own liveness route answers 204 once the HTTP server is mounted.
      if ((await fetch(`${baseUrl}/_health`)).status === 204) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Strapi did not answer within ${BOOT_LIMIT_MS / 1000} s:\n${tail(logFile)}`);
}

const tail = (file) => fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');

/**
 * Starts the playground with the plugin's built dist/. Resolves once it answers HTTP, with its base URL, its
 * database (as isolateDatabase describes it) and stop(), which ends the process and drops its database. Its
 * log goes to a file, named in errors. `nodeArgs` go to node itself (e.g. --cpu-prof, which NODE_OPTIONS
 * refuses). `dataDir` holds the SQLite file: /dev/shm by default, a disk folder where fsync must be real.
 */
async function startPlayground({
  client = process.env.DATABASE_CLIENT || 'sqlite',
  env = {},
  nodeArgs = [],
  dataDir = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(),
} = {}) {
  const workDir = fs.mkdtempSync(path.join(dataDir, 'pv-bench-'));
  // workDir, with any SQLite file in it, is removed as a whole by stop().
  const database = await isolateDatabase(client, { prefix: 'pv_bench', sqliteDir: workDir });
  const port = await freePort();
  const childEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: client,
    // New for every boot: nothing the bench makes outlives it.
    ...appSecrets(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    ...database.env,
    ...env,
  };
  // The bench measures the built plugin and seeds its own data: no test shim, no demo content.
  delete childEnv.POLICY_VERSIONS_PLUGIN_PATH;
  delete childEnv.POLICY_DEMO;

  const logFile = path.join(workDir, 'strapi.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [...nodeArgs, STRAPI_BIN, 'start'], { cwd: PLAYGROUND, env: childEnv, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;

  async function stop() {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    await database.drop();
    // BENCH_SERVER_LOG keeps the server's output (e.g. --trace-gc lines) past the run.
    if (process.env.BENCH_SERVER_LOG) fs.copyFileSync(logFile, process.env.BENCH_SERVER_LOG);
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  try {
    await waitUntilAnswering(baseUrl, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, client, pid: child.pid, database: { connection: database.connection, searchPath: database.searchPath }, stop };
}

module.exports = { startPlayground, ROOT };
