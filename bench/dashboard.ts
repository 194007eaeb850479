/**
 * dashboard:render — the Grafana dashboard's panels (deploy/grafana/newsletters.json), drawn from
 * a real Prometheus that scraped the API and two workers while bench:send sent an edition, as a
 * PNG (docs/dashboard.png). Grafana is not packaged for Debian; Prometheus is (apt-get install -y
 * prometheus). Each panel's own PromQL is asked of Prometheus over the run, and Chart.js (from
 * node_modules) draws it in Debian's Chromium.
 *
 *   npm run dashboard:render -- --recipients 100000
 */
import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { PROJECT_ROOT } from '../src/config/paths';
import { options } from './support/args';
import { freePort } from './support/services';

const opts = options('npm run dashboard:render -- [options]', {
  recipients: { default: 100_000, help: 'readers of the edition bench:send sends while Prometheus watches' },
  out: { default: 'docs/dashboard.png', help: 'where the PNG goes' },
  'redis-cluster': { default: false, help: 'run bench:send on a Redis Cluster of its own' },
  step: { default: 2, help: "Prometheus's scrape interval and the queries' step, in seconds" },
});

interface Target {
  expr: string;
  legendFormat: string;
}
interface Panel {
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
  fieldConfig?: { defaults?: { unit?: string } };
}

const portFree = (port: number) =>
  new Promise<boolean>((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });

/** Three ports in a row: the API's metrics, then each worker's (bench:send's --metrics-port). */
async function threePorts(): Promise<number> {
  for (;;) {
    const base = await freePort();
    if ((await portFree(base + 1)) && (await portFree(base + 2))) return base;
  }
}

const exited = (child: ChildProcess) => new Promise<number | null>((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', done)));

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${url} not ready`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nl-dashboard-'));
  const promPort = await freePort();
  const base = await threePorts();
  const step = opts.step;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      `  scrape_interval: ${step}s`,
      `  evaluation_interval: ${step}s`,
      'rule_files:',
      `  - ${join(PROJECT_ROOT, 'deploy', 'prometheus', 'alerts.yml')}`,
      'scrape_configs:',
      '  - job_name: newsletters',
      '    static_configs:',
      `      - targets: [${[base, base + 1, base + 2].map((p) => `'127.0.0.1:${p}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const prometheus = spawn(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const api = `http://127.0.0.1:${promPort}`;
  try {
    await waitReady(`${api}/-/ready`);
    const start = Date.now() / 1000;
    const send = spawn(
      process.execPath,
      [join(PROJECT_ROOT, 'dist', 'bench', 'send.js'), '--recipients', String(opts.recipients), '--skip-ceiling', '--metrics-port', String(base), ...(opts['redis-cluster'] ? ['--redis-cluster'] : [])],
      { stdio: 'inherit' },
    );
    const code = await exited(send);
    if (code !== 0) throw new Error(`bench:send exited with ${code}`);
    const end = Date.now() / 1000;

    const dashboard = JSON.parse(readFileSync(join(PROJECT_ROOT, 'deploy', 'grafana', 'newsletters.json'), 'utf8')) as { title: string; panels: Panel[] };
    const drawn: Array<Panel & { series: Array<{ name: string; points: Array<[number, number]> }> }> = [];
    for (const panel of dashboard.panels) {
      const series: Array<{ name: string; points: Array<[number, number]> }> = [];
      for (const target of panel.targets ?? []) {
        const query = new URLSearchParams({ query: target.expr, start: String(start), end: String(end), step: String(step) });
        const answer = (await (await fetch(`${api}/api/v1/query_range?${query}`)).json()) as {
          status: string;
          error?: string;
          data: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
        };
        if (answer.status !== 'success') throw new Error(`${panel.title}: ${target.expr}: ${answer.error}`);
        for (const result of answer.data.result) {
          series.push({
            name: target.legendFormat.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, label: string) => result.metric[label] ?? ''),
            points: result.values.map(([t, v]) => [t - start, Number(v)]),
          });
        }
      }
      drawn.push({ ...panel, series });
    }

    const chart = join(dir, 'chart.umd.js');
    copyFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js'), chart);
    writeFileSync(join(dir, 'dashboard.html'), page(dashboard.title, drawn, end - start, opts.recipients));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
      const tab = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
      await tab.goto(`file://${join(dir, 'dashboard.html')}`);
      await tab.waitForFunction('window.drawn === true');
      const out = resolve(PROJECT_ROOT, opts.out);
      mkdirSync(dirname(out), { recursive: true });
      await tab.screenshot({ path: out, fullPage: true });
      console.log(`${drawn.filter((p) => p.type !== 'row').length} panels, ${drawn.reduce((n, p) => n + p.series.length, 0)} series over ${Math.round(end - start)} s → ${out}`);
    } finally {
      await browser.close();
    }
  } finally {
    prometheus.kill('SIGTERM');
    await exited(prometheus);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The dashboard's grid (24 columns, 30 px a row, as Grafana lays it out), each panel a Chart.js chart or a number. */
function page(title: string, panels: Array<Panel & { series: Array<{ name: string; points: Array<[number, number]> }> }>, seconds: number, recipients: number): string {
  const rowPx = 30;
  const height = Math.max(...panels.map((p) => (p.gridPos.y + p.gridPos.h) * rowPx)) + 20;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<style>
  body { margin: 0; background: #111217; color: #ccccdc; font: 13px system-ui, sans-serif; }
  header { padding: 10px 16px; font-size: 18px; }
  header small { color: #8e8e9e; font-size: 13px; margin-left: 12px; }
  #grid { position: relative; margin: 0 8px; height: ${height}px; }
  .panel { position: absolute; box-sizing: border-box; padding: 6px 8px 8px; background: #181b1f; border: 1px solid #2b2e33; border-radius: 3px; }
  .panel h3 { margin: 0 0 4px; font-size: 13px; font-weight: 500; }
  .row { position: absolute; font-size: 15px; font-weight: 500; padding-top: 6px; }
  .stats { display: flex; gap: 8px; height: calc(100% - 24px); }
  .stat { flex: 1; display: flex; flex-direction: column; justify-content: center; align-items: center; border-radius: 3px; }
  .stat b { font-size: 28px; } .empty { color: #6e6e7e; padding-top: 30px; text-align: center; }
</style></head><body>
<header>${title}<small>Prometheus scraping the API and two workers during bench:send of ${recipients.toLocaleString('en-GB')} readers; ${Math.round(seconds)} s; x: seconds from the start</small></header>
<div id="grid"></div>
<script src="chart.umd.js"></script>
<script>
const panels = ${JSON.stringify(panels)};
const colors = ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c', '#5794f2', '#b877d9', '#fade2a', '#96d98d', '#ff9830'];
const units = {
  reqps: (v) => (v >= 100 ? v.toFixed(0) : v.toPrecision(2)) + '/s',
  s: (v) => (v >= 60 ? (v / 60).toFixed(1) + ' min' : v >= 1 ? v.toFixed(1) + ' s' : (v * 1000).toPrecision(2) + ' ms'),
  bytes: (v) => (v / 1048576).toFixed(0) + ' MB',
  percentunit: (v) => String(Math.round(v * 10000) / 100) + ' %',
  short: (v) => (Math.abs(v) >= 1000 ? (v / 1000).toFixed(1) + 'k' : String(Math.round(v * 100) / 100)),
};
const grid = document.getElementById('grid');
const colPx = (grid.clientWidth) / 24;
for (const p of panels) {
  const el = document.createElement('div');
  const g = p.gridPos;
  el.style.left = g.x * colPx + 'px'; el.style.top = g.y * ${rowPx} + 'px';
  el.style.width = g.w * colPx - 6 + 'px'; el.style.height = g.h * ${rowPx} - 6 + 'px';
  grid.appendChild(el);
  if (p.type === 'row') { el.className = 'row'; el.textContent = p.title; continue; }
  el.className = 'panel';
  el.innerHTML = '<h3></h3>';
  el.querySelector('h3').textContent = p.title;
  const unit = units[p.fieldConfig?.defaults?.unit] ?? units.short;
  if (p.series.length === 0) { el.insertAdjacentHTML('beforeend', '<div class="empty">No data</div>'); continue; }
  if (p.type === 'stat') {
    const box = document.createElement('div'); box.className = 'stats'; el.appendChild(box);
    for (const s of p.series) {
      const last = s.points[s.points.length - 1][1];
      const good = p.title === 'Reachable' ? last >= 1 : true;
      box.insertAdjacentHTML('beforeend', '<div class="stat" style="background:' + (good ? '#1a7f4b' : '#c4162a') + '"><span></span><b></b></div>');
      box.lastChild.querySelector('span').textContent = s.name; box.lastChild.querySelector('b').textContent = unit(last);
    }
    continue;
  }
  const canvas = document.createElement('canvas');
  const holder = document.createElement('div'); holder.style.height = 'calc(100% - 22px)'; holder.style.position = 'relative';
  holder.appendChild(canvas); el.appendChild(holder);
  new Chart(canvas, {
    type: 'line',
    data: { datasets: p.series.map((s, i) => ({ label: s.name, data: s.points.map(([x, y]) => ({ x, y })), borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length] + '22', borderWidth: 1.5, pointRadius: 0, fill: true, tension: 0.2 })) },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false, parsing: false,
      plugins: { legend: { position: 'bottom', labels: { color: '#ccccdc', boxWidth: 10, font: { size: 10 } } } },
      scales: {
        x: { type: 'linear', ticks: { color: '#8e8e9e', maxTicksLimit: 8, callback: (v) => Math.round(v) + ' s' }, grid: { color: '#2b2e33' } },
        y: { beginAtZero: true, ticks: { color: '#8e8e9e', maxTicksLimit: 5, callback: (v) => unit(v) }, grid: { color: '#2b2e33' } },
      },
    },
  });
}
window.drawn = true;
</script></body></html>`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
