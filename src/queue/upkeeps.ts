import { Injectable, Logger } from '@nestjs/common';

/**
 * Work other modules add to the hourly upkeep (delivery's `keep-delivery-partitions` job, which
 * also runs at start): each module keeps its own tables, and none need import the one that
 * schedules. Each task runs after the one before; a failing one is logged, does not stop the rest,
 * and is tried again at the next upkeep.
 */
@Injectable()
export class Upkeeps {
  private readonly logger = new Logger(Upkeeps.name);
  private readonly tasks: Array<{ name: string; run: () => Promise<unknown> }> = [];

  add(name: string, run: () => Promise<unknown>): void {
    this.tasks.push({ name, run });
  }

  /** Runs every task; what each returned, by name (a failure's message under `error`). */
  async runAll(): Promise<Record<string, unknown>> {
    const results: Record<string, unknown> = {};
    for (const { name, run } of this.tasks) {
      results[name] = await run().catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn(`Upkeep "${name}" failed, tried again at the next upkeep: ${message}`);
        return { error: message };
      });
    }
    return results;
  }
}
