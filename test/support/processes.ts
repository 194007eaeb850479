import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

// Child processes run the built service, exactly as it is deployed: `npm test` builds first.
const DIST = join(PROJECT_ROOT, 'dist', 'src');

function entry(name: 'main' | 'cli'): string {
  const path = join(DIST, `${name}.js`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run the tests with "npm test", which builds first`);
  return path;
}

/** `npm run cli -- <args>` against the test app's database and Redis (the current environment). */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry('cli'), ...args], { env: { ...process.env, ...env }, cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A worker process (APP_ROLE=worker) on the test app's database, Redis and SMTP server. */
export function startWorker(env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [entry('main')], {
    env: { ...process.env, APP_ROLE: 'worker', LOG_LEVEL: 'info', ...env },
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return Object.assign(child, { output: () => output });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
