import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

const MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');
const CLUSTER = join(__dirname, 'cluster-main.js');

/**
 * The V8 flags a deployment runs the service with: those of `npm run start:prod` (which the
 * Dockerfile repeats), so the bench measures the process as it is deployed.
 */
export function deploymentNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const command = pkg.scripts?.['start:prod'] ?? '';
  const words = command.split(/\s+/);
  const main = words.indexOf('dist/src/main.js');
  return words[0] === 'node' && main > 0 ? words.slice(1, main).filter((w) => w.startsWith('--')) : [];
}

export interface ServiceProcess {
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * The built service (`node dist/src/main.js`) in a process of its own, so the load generator
 * never shares its event loop. `instances` > 1 runs that many behind Node's cluster module on
 * one port. Its log goes to `logFile`, as a deployment's stdout goes to a collector.
 */
export async function startService(options: {
  env: Record<string, string>;
  port: number;
  logFile: string;
  cwd: string;
  instances?: number;
  nodeFlags?: string[];
  /** The built script to run instead of dist/src/main.js (one instance), e.g. one that adds a bench route. */
  main?: string;
}): Promise<ServiceProcess> {
  const main = options.main ?? MAIN;
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npx nest build" first (the npm scripts do)`);
  const instances = options.instances ?? 1;
  const out = openSync(options.logFile, 'a');
  const args = instances > 1 ? [CLUSTER] : [...(options.nodeFlags ?? []), main];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      ...options.env,
      PORT: String(options.port),
      BENCH_INSTANCES: String(instances),
      BENCH_NODE_FLAGS: (options.nodeFlags ?? []).join(' '),
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`The service exited while starting:\n${tail(options.logFile)}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The service did not become healthy in 60 s:\n${tail(options.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    pid: child.pid!,
    logFile: options.logFile,
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function tail(path: string, lines = 20): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
