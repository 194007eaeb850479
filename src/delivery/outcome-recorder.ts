import { throughOutages } from '../common/outages';

export interface RecorderOptions {
  /** Write when this many outcomes wait… */
  groupSize: number;
  /** …or when the oldest has waited this long, whichever comes first. */
  maxWaitMs: number;
  onOutage?: (error: unknown) => void;
}

/**
 * Writes outcomes as they arrive, in small groups, so that a worker killed mid-send leaves as
 * ambiguous only the messages accepted since its last write. A write that fails because the
 * database is away keeps its outcomes and tries again until it answers: a worker never forgets
 * a 250. Writes are one at a time, in order.
 */
export class OutcomeRecorder<T> {
  private waiting: T[] = [];
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private failure?: unknown;

  constructor(
    private readonly write: (outcomes: T[]) => Promise<void>,
    private readonly options: RecorderOptions,
  ) {}

  add(outcome: T): void {
    this.waiting.push(outcome);
    if (this.waiting.length >= this.options.groupSize) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
  }

  /** Resolves when everything added so far is written; rejects if a write failed for good. */
  async drain(): Promise<void> {
    this.flush();
    await this.writing;
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.length === 0) return;
    const group = this.waiting;
    this.waiting = [];
    this.writing = this.writing.then(async () => {
      if (this.failure) return;
      try {
        await throughOutages(() => this.write(group), { onOutage: this.options.onOutage, maxDelayMs: 1000 });
      } catch (error) {
        this.failure = error;
      }
    });
  }
}
