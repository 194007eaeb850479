import { Command, CommandRunner } from 'nest-commander';
import { describeImport, FeedsService } from '../articles/feeds/feeds.service';

@Command({
  name: 'feed:import',
  arguments: '[url]',
  description: 'Import a feed now (or every FEED_URLS feed) and print what came in; exit code 1 if any failed',
})
export class FeedImportCommand extends CommandRunner {
  constructor(private readonly feeds: FeedsService) {
    super();
  }

  async run([url]: string[]): Promise<void> {
    const summaries = url ? [await this.feeds.importFeed(url)] : await this.feeds.importAll();
    if (summaries.length === 0) {
      process.stderr.write(
        'No feed to import: pass its URL, e.g. (this machine is no public address, hence FEED_ALLOW_PRIVATE)\n' +
          '  FEED_ALLOW_PRIVATE=true npm run cli -- feed:import http://localhost:3000/samples/new-statesman.rss\n' +
          '(A service started with FEED_URLS imports those feeds itself, at start and then on FEED_POLL_CRON.)\n',
      );
      process.exitCode = 1;
      return;
    }
    for (const summary of summaries) process.stdout.write(`${summary.url}: ${describeImport(summary)}\n`);
    if (summaries.some((summary) => summary.error)) process.exitCode = 1;
  }
}
