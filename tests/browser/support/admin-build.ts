import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PLAYGROUND } from '../../support/strapi';

const ROOT = path.resolve(PLAYGROUND, '..');
const BUILT = path.join(PLAYGROUND, 'build', 'index.html');

/** Newest modification time of any file under the given paths. */
function newest(paths: string[]): number {
  let latest = 0;
  const visit = (target: string) => {
    if (!fs.existsSync(target)) return;
    const stat = fs.statSync(target);
    if (stat.isDirectory()) fs.readdirSync(target).forEach((entry) => visit(path.join(target, entry)));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return latest;
}

function run(args: string[], cwd: string) {
  const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };
  const result = spawnSync('npx', ['--yes', ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`"npx ${args.join(' ')}" failed in ${cwd} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * Makes playground/build (the admin bundle the test server serves) current with admin/src: the plugin's
 * admin is bundled from its dist/, so the plugin is built first. Skipped when nothing changed since the
 * last build: the admin build takes about a minute and 2 GB.
 */
export function ensureAdminBuild(): void {
  const sources = newest([path.join(ROOT, 'admin', 'src'), path.join(ROOT, 'package.json'), path.join(PLAYGROUND, 'config')]);
  if (fs.existsSync(BUILT) && fs.statSync(BUILT).mtimeMs >= sources) return;
  run(['strapi-plugin', 'build'], ROOT);
  run(['strapi', 'build'], PLAYGROUND);
}
