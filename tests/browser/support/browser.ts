import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

import { CHROMIUM, launchOptions } from '../../../scripts/lib/chromium';

/**
 * Debian's Chromium, driven by playwright-core (Playwright cannot download its own browser here). A fresh
 * profile each run; the zone is Asia/Almaty, where the policies' readers live.
 */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pv-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions(),
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
