#!/usr/bin/env node
'use strict';

/**
 * `npm run demo`: everything a fresh clone needs, each step skipped when already done, then the playground.
 * Installs dependencies, builds the plugin and the admin panel, writes playground/.env with fresh secrets
 * (never committed), and starts Strapi with the demo policy loaded. PORT is honoured.
 */
const { spawnSync, spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const { ensureAdminBuild } = require('./lib/build');
const { ROOT, PLAYGROUND, ensurePlaygroundEnv } = require('./lib/playground');

const step = (message) => process.stdout.write(`\n[demo] ${message}\n`);

function run(command, args, cwd = ROOT) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    process.stderr.write(`[demo] "${command} ${args.join(' ')}" failed with exit code ${result.status}\n`);
    process.exit(result.status ?? 1);
  }
}

const exists = (file) => fs.existsSync(path.join(ROOT, file));

function ensureDependencies() {
  if (exists('node_modules/@strapi/strapi/package.json') && exists('node_modules/better-sqlite3/build/Release')) return;
  step('Installing dependencies (a few minutes on a cold cache)');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function start() {
  step(`Starting Strapi on port ${process.env.PORT || 1337}`);
  const child = spawn('npx', ['--yes', 'strapi', 'start'], {
    cwd: PLAYGROUND,
    stdio: 'inherit',
    env: { ...process.env, POLICY_DEMO: '1', NODE_ENV: process.env.NODE_ENV || 'production' },
  });
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureDependencies();
ensurePlaygroundEnv(step);
ensureAdminBuild({ log: step });
start();
