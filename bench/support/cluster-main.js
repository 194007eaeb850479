"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_cluster_1 = __importDefault(require("node:cluster"));
const node_path_1 = require("node:path");
const paths_1 = require("../../src/config/paths");
const instances = Number(process.env.BENCH_INSTANCES ?? 2);
const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
node_cluster_1.default.setupPrimary({ exec: (0, node_path_1.join)(paths_1.PROJECT_ROOT, 'dist', 'src', 'main.js'), execArgv: flags });
for (let i = 0; i < instances; i += 1)
    node_cluster_1.default.fork();
let alive = instances;
let stopping = false;
node_cluster_1.default.on('exit', (worker, code) => {
    alive -= 1;
    if (!stopping) {
        console.error(`cluster: worker ${worker.process.pid} exited with ${code}; stopping`);
        stopping = true;
        for (const w of Object.values(node_cluster_1.default.workers ?? {}))
            w?.process.kill('SIGTERM');
    }
    if (alive === 0)
        process.exit(code ?? 0);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
        stopping = true;
        for (const w of Object.values(node_cluster_1.default.workers ?? {}))
            w?.process.kill('SIGTERM');
    });
}
//# sourceMappingURL=cluster-main.js.map