import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config/paths';

/**
 * The Prometheus alert rules an operator loads (deploy/prometheus/alerts.yml) are valid, and each
 * fires when it should and stays quiet when it should, on series shaped like the service's own
 * (deploy/prometheus/alerts.test.yml; the metrics spec checks those shapes against a real scrape).
 * promtool is Debian's `prometheus` package (.ci/run installs it).
 */
describe('alert rules', () => {
  const dir = join(PROJECT_ROOT, 'deploy', 'prometheus');
  const promtool = (...args: string[]) => {
    const run = spawnSync(process.env.PROMTOOL_PATH ?? 'promtool', args, { cwd: dir, encoding: 'utf8' });
    if (run.error) throw new Error(`promtool could not run (${run.error.message}): apt-get install -y prometheus`);
    return { code: run.status, output: `${run.stdout}${run.stderr}` };
  };

  it('pass promtool check rules', () => {
    const checked = promtool('check', 'rules', 'alerts.yml');
    expect(checked.output).toContain('SUCCESS: 8 rules found');
    expect(checked.code).toBe(0);
  });

  it('pass their promtool unit tests', () => {
    const tested = promtool('test', 'rules', 'alerts.test.yml');
    expect(tested.output).toContain('SUCCESS');
    expect(tested.code).toBe(0);
  });
});
