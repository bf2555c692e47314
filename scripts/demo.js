#!/usr/bin/env node
'use strict';

/**
 * `npm run demo`: everything a fresh clone needs, each step skipped when already done, then the playground.
 * Installs dependencies, builds the plugin and the admin panel, writes playground/.env with fresh secrets
 * (never committed), and starts Strapi with the demo policy loaded. PORT is honoured.
 */
const { spawn } = require('child_process');

const { ensureAdminBuild } = require('./lib/build');
const { ensureDependencies } = require('./lib/install');
const { PLAYGROUND, ensurePlaygroundEnv } = require('./lib/playground');

const step = (message) => process.stdout.write(`\n[demo] ${message}\n`);

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

ensureDependencies(step);
ensurePlaygroundEnv(step);
ensureAdminBuild({ log: step });
start();
