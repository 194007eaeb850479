/**
 * bench:profiles — where a worker's CPU goes against a bare sender's, from the V8 CPU profiles
 * `bench:send --cpu-prof` writes (one per worker and per ceiling sender). Self time is summed
 * by part: garbage collection, the pg driver, personalisation (a reader's copy and its link
 * tokens), nodemailer's SMTP connection and message writing, BullMQ and ioredis, node's own
 * sockets and streams, the rest of the service, idle.
 *
 *   npm run bench:send -- --recipients 30000 --workers 1 --cpu-prof
 *   npm run bench:profiles -- bench/results/profiles/CPU.<worker>.cpuprofile bench/results/profiles/CPU.<sender>.cpuprofile
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { format, table } from './support/table';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PARTS: Array<[string, (name: string, url: string) => boolean]> = [
  ['idle', (name) => name === '(idle)'],
  ['garbage collection', (name) => name === '(garbage collector)'],
  ['V8 and native (program)', (name) => name === '(program)'],
  ['pg driver', (_, url) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(url)],
  [
    'personalisation (copy, tokens, HMACs)',
    (name, url) => /src\/(tokens|delivery\/edition-message|delivery\/message-ids)/.test(url) || /^(createHmac|digest|update)$/.test(name),
  ],
  ['nodemailer', (_, url) => /node_modules\/nodemailer\//.test(url)],
  ['BullMQ and ioredis', (_, url) => /node_modules\/(bullmq|ioredis|@ioredis|cluster-key-slot|msgpackr)\//.test(url)],
  ['node: net, tls, streams, buffers', (_, url) => /^node:/.test(url)],
  ['the service (src)', (_, url) => /\/src\//.test(url)],
  ['bench sender', (_, url) => /\/bench\//.test(url)],
  ['other packages', (_, url) => /node_modules\//.test(url)],
];

function summarise(file: string): { total: number; parts: Map<string, number>; top: Array<[string, number]> } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + Math.max(0, profile.timeDeltas[i] ?? 0)));
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const part = PARTS.find(([, test]) => test(functionName, url))?.[0] ?? 'other (builtins)';
    parts.set(part, (parts.get(part) ?? 0) + micros);
    total += micros;
    if (part !== 'idle') {
      const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}`;
      functions.set(key, (functions.get(key) ?? 0) + micros);
    }
  }
  const top = [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return { total, parts, top };
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run bench:profiles -- <a .cpuprofile> [<another> …]');
  process.exit(2);
}
const summaries = files.map((file) => ({ file: basename(file), ...summarise(file) }));
const busy = (s: ReturnType<typeof summarise>) => s.total - (s.parts.get('idle') ?? 0);
const names = [...new Set(summaries.flatMap((s) => [...s.parts.keys()]))].filter((name) => name !== 'idle');
console.log('Self time by part, % of busy (non-idle) samples; busy seconds at the bottom');
console.log(
  table(
    ['part', ...summaries.map((s) => s.file)],
    [
      ...names.map((name) => [name, ...summaries.map((s) => `${format((100 * (s.parts.get(name) ?? 0)) / busy(s))} %`)]),
      ['busy, s', ...summaries.map((s) => busy(s) / 1e6)],
    ],
  ),
);
for (const s of summaries) {
  console.log();
  console.log(`${s.file}: the 15 functions with the most self time`);
  console.log(
    table(
      ['function', '% of busy'],
      s.top.map(([name, micros]) => [name, `${format((100 * micros) / busy(s))} %`]),
    ),
  );
}
