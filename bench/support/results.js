"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RESULTS_DIR = void 0;
exports.noteLoad = noteLoad;
exports.percentiles = percentiles;
exports.report = report;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const paths_1 = require("../../src/config/paths");
const table_1 = require("./table");
exports.RESULTS_DIR = (0, node_path_1.join)(paths_1.PROJECT_ROOT, 'bench', 'results');
function command(file, args) {
    try {
        return (0, node_child_process_1.execFileSync)(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    }
    catch {
        return null;
    }
}
function machine() {
    const model = /model name\s*:\s*(.*)/.exec(safeRead('/proc/cpuinfo'))?.[1] ?? (0, node_os_1.cpus)()[0]?.model ?? null;
    return {
        cores: Number(command('nproc', [])) || (0, node_os_1.cpus)().length,
        cpu: model,
        memoryGiB: Math.round(((0, node_os_1.totalmem)() / 2 ** 30) * 10) / 10,
        node: process.version,
        loadAverageAtStart: loadAverage ?? null,
    };
}
let loadAverage;
function noteLoad() {
    loadAverage = Math.round((0, node_os_1.loadavg)()[0] * 100) / 100;
    const cores = (0, node_os_1.cpus)().length;
    if (loadAverage > cores / 4) {
        console.warn(`Note: load average ${loadAverage} on ${cores} cores before starting; other work will lower these figures.`);
    }
}
function safeRead(path) {
    try {
        return (0, node_fs_1.readFileSync)(path, 'utf8');
    }
    catch {
        return '';
    }
}
function writeResults(name, results) {
    (0, node_fs_1.mkdirSync)(exports.RESULTS_DIR, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const path = (0, node_path_1.join)(exports.RESULTS_DIR, `${name}-${stamp}.json`);
    (0, node_fs_1.writeFileSync)(path, JSON.stringify({ bench: name, at: new Date().toISOString(), machine: machine(), ...results }, null, 2) + '\n');
    return (0, node_path_1.relative)(paths_1.PROJECT_ROOT, path);
}
function percentiles(samples) {
    samples.sort((a, b) => a - b);
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    return {
        mean: samples.reduce((a, b) => a + b, 0) / samples.length,
        p50: at(0.5),
        p99: at(0.99),
        min: samples[0],
        max: samples[samples.length - 1],
    };
}
function report(name, checks, results, footnote = '') {
    console.log();
    console.log((0, table_1.table)(['correctness check', 'ok', 'detail'], checks.map((c) => [c.name, c.ok ? 'yes' : 'NO', c.detail])));
    const passed = checks.length > 0 && checks.every((c) => c.ok);
    const file = writeResults(name, { ...results, checks, passed });
    console.log(`\nResults: ${file}${footnote}`);
    console.log(passed ? 'Correctness: all checks passed' : 'Correctness: FAILED');
    return passed;
}
//# sourceMappingURL=results.js.map