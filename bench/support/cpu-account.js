"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sharedServer = exports.CpuAccount = void 0;
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const TICKS = 100;
class CpuAccount {
    classify;
    start;
    constructor(classify) {
        this.classify = classify;
        this.start = this.snapshot();
    }
    stop() {
        const end = this.snapshot();
        if (!end || !this.start)
            return null;
        const seconds = {};
        let ours = 0;
        for (const [pid, { part, ticks }] of end.processes) {
            const used = ticks - (this.start.processes.get(pid)?.ticks ?? 0);
            seconds[part] = (seconds[part] ?? 0) + used / TICKS;
            ours += used;
        }
        const capacity = ((end.at - this.start.at) / 1000) * TICKS * (0, node_os_1.cpus)().length;
        return { seconds, otherShare: capacity > 0 ? Math.max(0, end.busy - this.start.busy - ours) / capacity : 0 };
    }
    snapshot() {
        try {
            const fields = (0, node_fs_1.readFileSync)('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
            const busy = fields.slice(0, 8).reduce((a, b) => a + b, 0) - fields[3] - fields[4];
            const processes = new Map();
            for (const name of (0, node_fs_1.readdirSync)('/proc')) {
                if (!/^\d+$/.test(name))
                    continue;
                const pid = Number(name);
                try {
                    const cmdline = (0, node_fs_1.readFileSync)(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
                    const stat = (0, node_fs_1.readFileSync)(`/proc/${pid}/stat`, 'utf8');
                    const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
                    const part = this.classify(pid, Number(after[1]), cmdline);
                    if (part)
                        processes.set(pid, { part, ticks: Number(after[11]) + Number(after[12]) });
                }
                catch {
                }
            }
            return { busy, at: Date.now(), processes };
        }
        catch {
            return null;
        }
    }
}
exports.CpuAccount = CpuAccount;
const sharedServer = (cmdline) => /^postgres: \S+: (checkpointer|background writer|walwriter|autovacuum|logical replication)/.test(cmdline) ||
    /postgresql\/.*\/bin\/postgres/.test(cmdline) ||
    cmdline.startsWith('redis-server');
exports.sharedServer = sharedServer;
//# sourceMappingURL=cpu-account.js.map