"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.runCli = runCli;
exports.startWorker = startWorker;
exports.exited = exited;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const paths_1 = require("../../src/config/paths");
const DIST = (0, node_path_1.join)(paths_1.PROJECT_ROOT, 'dist', 'src');
function entry(name) {
    const path = (0, node_path_1.join)(DIST, `${name}.js`);
    if (!(0, node_fs_1.existsSync)(path))
        throw new Error(`${path} is missing: run the tests with "npm test", which builds first`);
    return path;
}
async function runCli(args, env = {}) {
    return new Promise((resolve, reject) => {
        const child = (0, node_child_process_1.spawn)(process.execPath, [entry('cli'), ...args], { env: { ...process.env, ...env }, cwd: paths_1.PROJECT_ROOT });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });
}
function startWorker(env = {}) {
    const child = (0, node_child_process_1.spawn)(process.execPath, [entry('main')], {
        env: { ...process.env, APP_ROLE: 'worker', LOG_LEVEL: 'info', ...env },
        cwd: paths_1.PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk.toString()));
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    return Object.assign(child, { output: () => output });
}
function exited(child) {
    if (child.exitCode !== null || child.signalCode !== null)
        return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
//# sourceMappingURL=processes.js.map