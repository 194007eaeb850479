import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Names the part a process plays in a bench, or null for a process that is none of its business. */
export type Classify = (pid: number, ppid: number, cmdline: string) => string | null;

export interface CpuUse {
  /** CPU seconds per part over the window (user + system). */
  seconds: Record<string, number>;
  /** Share of the whole machine (0–1, all cores) that other processes used meanwhile. */
  otherShare: number;
}

// USER_HZ: 100 on every Linux this runs on.
const TICKS = 100;

/**
 * Where the CPU went while a bench ran, from /proc (Linux only): the time of each of the bench's
 * own processes (itself, the service, its database's backends, …) and, from the machine's busy
 * time, what everything else took. On a two-core machine a test suite running beside the bench
 * halves its figures; this says when that happened.
 */
export class CpuAccount {
  private readonly start: ReturnType<CpuAccount['snapshot']>;

  constructor(private readonly classify: Classify) {
    this.start = this.snapshot();
  }

  /** Null where /proc cannot be read. */
  stop(): CpuUse | null {
    const end = this.snapshot();
    if (!end || !this.start) return null;
    const seconds: Record<string, number> = {};
    let ours = 0;
    for (const [pid, { part, ticks }] of end.processes) {
      const used = ticks - (this.start.processes.get(pid)?.ticks ?? 0);
      seconds[part] = (seconds[part] ?? 0) + used / TICKS;
      ours += used;
    }
    const capacity = ((end.at - this.start.at) / 1000) * TICKS * cpus().length;
    return { seconds, otherShare: capacity > 0 ? Math.max(0, end.busy - this.start.busy - ours) / capacity : 0 };
  }

  private snapshot(): { busy: number; at: number; processes: Map<number, { part: string; ticks: number }> } | null {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
      const busy = fields.slice(0, 8).reduce((a, b) => a + b, 0) - fields[3] - fields[4];
      const processes = new Map<number, { part: string; ticks: number }>();
      for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        const pid = Number(name);
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          // Fields after "(name) ": state ppid … utime (11th) stime (12th).
          const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          const part = this.classify(pid, Number(after[1]), cmdline);
          if (part) processes.set(pid, { part, ticks: Number(after[11]) + Number(after[12]) });
        } catch {
          // the process ended
        }
      }
      return { busy, at: Date.now(), processes };
    } catch {
      return null;
    }
  }
}

/** PostgreSQL's and Redis's shared processes, busy partly on the bench's behalf. */
export const sharedServer = (cmdline: string): boolean =>
  /^postgres: \S+: (checkpointer|background writer|walwriter|autovacuum|logical replication)/.test(cmdline) ||
  /postgresql\/.*\/bin\/postgres/.test(cmdline) ||
  cmdline.startsWith('redis-server');
