import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/paths';
import { table } from './table';

export const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');

function command(file: string, args: string[]): string | null {
  try {
    return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
  } catch {
    return null;
  }
}

/** What the figures were measured on. */
function machine(): Record<string, string | number | null> {
  const model = /model name\s*:\s*(.*)/.exec(safeRead('/proc/cpuinfo'))?.[1] ?? cpus()[0]?.model ?? null;
  return {
    cores: Number(command('nproc', [])) || cpus().length,
    cpu: model,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAverageAtStart: loadAverage ?? null,
  };
}

let loadAverage: number | undefined;

/**
 * Notes the load average before a bench starts and says so when other work is running: on a
 * two-core machine a test suite in the background halves the figures.
 */
export function noteLoad(): void {
  loadAverage = Math.round(loadavg()[0] * 100) / 100;
  const cores = cpus().length;
  if (loadAverage > cores / 4) {
    console.warn(`Note: load average ${loadAverage} on ${cores} cores before starting; other work will lower these figures.`);
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Writes bench/results/<name>-<timestamp>.json and returns its path, relative to the repository. */
function writeResults(name: string, results: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(RESULTS_DIR, `${name}-${stamp}.json`);
  writeFileSync(path, JSON.stringify({ bench: name, at: new Date().toISOString(), machine: machine(), ...results }, null, 2) + '\n');
  return relative(PROJECT_ROOT, path);
}

/** Percentiles of a list of samples (sorted in place). */
export function percentiles(samples: number[]): { mean: number; p50: number; p99: number; min: number; max: number } {
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return {
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
    p50: at(0.5),
    p99: at(0.99),
    min: samples[0],
    max: samples[samples.length - 1],
  };
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/**
 * The end of every bench: prints its correctness checks, writes its results (with the checks)
 * and returns whether all of them passed, which becomes the exit code.
 */
export function report(name: string, checks: Check[], results: object, footnote = ''): boolean {
  console.log();
  console.log(table(['correctness check', 'ok', 'detail'], checks.map((c) => [c.name, c.ok ? 'yes' : 'NO', c.detail])));
  const passed = checks.length > 0 && checks.every((c) => c.ok);
  const file = writeResults(name, { ...results, checks, passed });
  console.log(`\nResults: ${file}${footnote}`);
  console.log(passed ? 'Correctness: all checks passed' : 'Correctness: FAILED');
  return passed;
}
