import type { TestApp } from './app';
import { EDITOR_TOKEN, editorApi, insertArticles } from './editor';
import { exited, startWorker } from './processes';

type Worker = ReturnType<typeof startWorker>;

/**
 * A deployment as an operator runs it: this process serves the API only (APP_ROLE=api, set
 * before the app's modules load), and worker processes of the real build do the sending, so a
 * test can cut their connections or kill them. Each worker says it has started before it counts.
 */
export class Deployment {
  readonly workers: Worker[] = [];
  readonly api: ReturnType<typeof editorApi>;

  constructor(readonly t: TestApp) {
    this.api = editorApi(t, EDITOR_TOKEN);
  }

  async startWorkers(count: number, env: Record<string, string> = {}): Promise<Worker[]> {
    const started = Array.from({ length: count }, () => startWorker({ EDITOR_TOKEN, ...env }));
    this.workers.push(...started);
    await Promise.all(started.map((worker) => waitForOutput(worker, /Worker started/, 60_000)));
    return started;
  }

  async stopWorkers(): Promise<void> {
    for (const worker of this.workers.splice(0)) {
      if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
      await exited(worker);
    }
  }

  /** Composes an edition of one article for the newsletter and starts sending it. */
  async send(newsletter: string, articleUrl: string): Promise<number> {
    const [articleId] = await insertArticles(this.t, [{ url: articleUrl, title: `Fault-suite article ${articleUrl.slice(-8)}` }]);
    const composed = await this.api.post('/api/newsletters/' + newsletter + '/editions', { articleIds: [articleId] });
    if (composed.status !== 201) throw new Error(`compose answered ${composed.status}: ${composed.text}`);
    const started = await this.api.post(`/api/editions/${composed.json.id}/send`);
    if (started.status !== 202) throw new Error(`send answered ${started.status}: ${started.text}`);
    return composed.json.id as number;
  }

  /** How many copies each address got, from the SMTP server's log. */
  copies(emails: string[]): Map<string, number> {
    return new Map(emails.map((email) => [email, this.t.smtp.to(email).length]));
  }

  /** Resolves once at least `count` of `emails` have a copy. */
  async waitForReaders(emails: string[], count: number, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ([...this.copies(emails).values()].filter((n) => n > 0).length < count) {
      if (Date.now() > deadline) throw new Error(`Fewer than ${count} readers were sent anything;\n${this.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The workers' logs, for a failure's message. */
  output(): string {
    return this.workers.map((worker, i) => `--- worker ${i} ---\n${worker.output().slice(-3000)}`).join('\n');
  }
}

async function waitForOutput(worker: Worker, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(worker.output())) {
    if (worker.exitCode !== null || Date.now() > deadline) throw new Error(`The worker did not print ${pattern}:\n${worker.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls `check` until it returns something, or fails after `timeoutMs` saying what it waited for. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
