"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.deploymentNodeFlags = deploymentNodeFlags;
exports.startService = startService;
exports.tail = tail;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const paths_1 = require("../../src/config/paths");
const MAIN = (0, node_path_1.join)(paths_1.PROJECT_ROOT, 'dist', 'src', 'main.js');
const CLUSTER = (0, node_path_1.join)(__dirname, 'cluster-main.js');
function deploymentNodeFlags() {
    const pkg = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(paths_1.PROJECT_ROOT, 'package.json'), 'utf8'));
    const command = pkg.scripts?.['start:prod'] ?? '';
    const words = command.split(/\s+/);
    const main = words.indexOf('dist/src/main.js');
    return words[0] === 'node' && main > 0 ? words.slice(1, main).filter((w) => w.startsWith('--')) : [];
}
async function startService(options) {
    const main = options.main ?? MAIN;
    if (!(0, node_fs_1.existsSync)(main))
        throw new Error(`${main} is missing: run "npx nest build" first (the npm scripts do)`);
    const instances = options.instances ?? 1;
    const out = (0, node_fs_1.openSync)(options.logFile, 'a');
    const args = instances > 1 ? [CLUSTER] : [...(options.nodeFlags ?? []), main];
    const child = (0, node_child_process_1.spawn)(process.execPath, args, {
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
    (0, node_fs_1.closeSync)(out);
    const url = `http://127.0.0.1:${options.port}`;
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let gone = false;
    void exited.then(() => (gone = true));
    const deadline = Date.now() + 60_000;
    for (;;) {
        if (gone)
            throw new Error(`The service exited while starting:\n${tail(options.logFile)}`);
        try {
            const response = await fetch(`${url}/health`);
            if (response.ok)
                break;
        }
        catch {
        }
        if (Date.now() > deadline) {
            child.kill('SIGKILL');
            throw new Error(`The service did not become healthy in 60 s:\n${tail(options.logFile)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
        url,
        pid: child.pid,
        logFile: options.logFile,
        async stop() {
            if (gone)
                return;
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
            await exited;
            clearTimeout(timer);
        },
    };
}
function tail(path, lines = 20) {
    try {
        return (0, node_fs_1.readFileSync)(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    }
    catch {
        return '(no log)';
    }
}
//# sourceMappingURL=server.js.map