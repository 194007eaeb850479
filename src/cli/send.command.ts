import { SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EditionsService } from '../editions/editions.service';
import { EditionView, PublishingService } from '../publishing/publishing.service';

const FINISHED = new Set(['sent', 'cancelled', 'failed']);

/**
 * `npm run cli -- send <newsletter>`: compose from new articles, send, and watch it go out. This
 * process delivers too (it runs workers unless APP_ROLE=api), alongside any other workers.
 */
@Command({ name: 'send', arguments: '<newsletter>', description: 'Compose an edition from new articles, send it, and show its progress' })
export class SendCommand extends CommandRunner {
  constructor(
    private readonly editions: EditionsService,
    private readonly publishing: PublishingService,
  ) {
    super();
  }

  @Option({ flags: '--subject <subject>', description: 'Subject line (default: "<newsletter>: <lead headline>")' })
  subject(value: string): string {
    return value;
  }

  async run([slug]: string[], options: { subject?: string }): Promise<void> {
    const newsletter = await this.editions.newsletter(slug);
    const id = await this.editions.compose(newsletter, { subject: options.subject }, 'editor');
    if (id === null) {
      process.stderr.write(`No new articles for ${newsletter.name} since its last edition: nothing to send.\n`);
      process.exitCode = 1;
      return;
    }
    let view = await this.publishing.send(id);
    process.stdout.write(`Edition ${id}: "${view.subject}" to ${view.counts.total} readers\n`);
    const bar = new SingleBar({
      format: ' {bar} {percentage}% | {value}/{total} sent | {failed} failed | {rate}/s | ETA {eta_formatted}',
      noTTYOutput: true,
      notTTYSchedule: 2000,
      hideCursor: true,
    });
    bar.start(Math.max(view.counts.total, 1), 0, { failed: 0, rate: 0 });
    while (!FINISHED.has(view.status)) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      view = await this.publishing.view(id);
      bar.update(view.counts.sent, { failed: view.counts.failed, rate: view.ratePerSecond ?? 0 });
    }
    bar.update(view.counts.sent, { failed: view.counts.failed, rate: view.ratePerSecond ?? 0 });
    bar.stop();
    process.stdout.write(summary(view));
    if (view.status !== 'sent') process.exitCode = 1;
  }
}

function summary(view: EditionView): string {
  const { counts } = view;
  return (
    `Edition ${view.id} ${view.status}: ${counts.sent} sent, ${counts.failed} failed, ${counts.skipped} skipped` +
    `${counts.ambiguous ? `, ${counts.ambiguous} possibly sent twice after a crash` : ''}` +
    `${view.ratePerSecond ? ` (${view.ratePerSecond}/s)` : ''}\n`
  );
}
