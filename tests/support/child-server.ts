import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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
export const killAllChildren = () => {
  for (const child of children) child.kill('SIGKILL');
};
