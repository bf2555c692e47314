'use strict';

/**
 * Debian's Chromium for the browser tests and the consumer test: Playwright cannot download its own
 * browser here. One home for where it is, how it gets installed and how it is launched.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Installs it with apt-get when missing and this is root on Debian; otherwise says how, and exits. */
function ensureChromium(log = () => {}) {
  if (fs.existsSync(CHROMIUM)) return;
  const canInstall = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get') && !process.env.CHROMIUM_PATH;
  if (canInstall) {
    log("installing Debian's chromium for the browser tests");
    for (const command of [['update'], ['install', '-y', 'chromium']]) {
      spawnSync('apt-get', command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    }
  }
  if (!fs.existsSync(CHROMIUM)) {
    process.stderr.write(`Chromium is missing at ${CHROMIUM}: install it ("apt-get install -y chromium") or set CHROMIUM_PATH.\n`);
    process.exit(1);
  }
}

/**
 * Options for playwright-core's launchPersistentContext: headless, as root, and without the background
 * traffic that this machine's closed network refuses; the zone is Asia/Almaty, where the readers live.
 */
const launchOptions = () => ({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 1000 },
  timezoneId: 'Asia/Almaty',
  locale: 'en-GB',
});

module.exports = { CHROMIUM, ensureChromium, launchOptions };
