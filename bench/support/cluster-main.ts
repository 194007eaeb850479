import cluster from 'node:cluster';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';

/**
 * BENCH_INSTANCES copies of the built service behind Node's cluster module, sharing one port
 * (the primary hands each new connection to a worker in turn). SIGTERM is passed on to each,
 * which finishes its work in hand; the primary exits when they all have.
 */
const instances = Number(process.env.BENCH_INSTANCES ?? 2);
const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
cluster.setupPrimary({ exec: join(PROJECT_ROOT, 'dist', 'src', 'main.js'), execArgv: flags });
for (let i = 0; i < instances; i += 1) cluster.fork();
let alive = instances;
let stopping = false;
cluster.on('exit', (worker, code) => {
  alive -= 1;
  if (!stopping) {
    console.error(`cluster: worker ${worker.process.pid} exited with ${code}; stopping`);
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  }
  if (alive === 0) process.exit(code ?? 0);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  });
}
