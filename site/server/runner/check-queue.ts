/**
 * Checks are the heaviest thing the runner does (Vitest plus the learner's app), so only a few run at
 * once and the rest wait in line; each waiting check is told its place whenever the line moves.
 */
import { RunnerError } from './runner-error.ts';

interface Waiting {
  start: () => void;
  onPosition: (position: number) => void;
  cancel: (error: Error) => void;
}

export interface QueueJob {
  onPosition: (position: number) => void;
  signal?: AbortSignal;
}

export class CheckQueue {
  private readonly concurrency: number;
  private readonly maxWaiting: number;
  private readonly waiting: Waiting[] = [];
  private active = 0;

  constructor(concurrency: number, maxWaiting: number) {
    this.concurrency = Math.max(1, concurrency);
    this.maxWaiting = maxWaiting;
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(job: QueueJob, work: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new RunnerError('QUEUE_FULL',
          `${this.waiting.length} checks are already waiting on this machine; try again in a minute.`,
        );
      }
      await new Promise<void>((resolve, reject) => {
        const entry: Waiting = { start: resolve, onPosition: job.onPosition, cancel: reject };
        this.waiting.push(entry);
        job.onPosition(this.waiting.length);
        job.signal?.addEventListener(
          'abort',
          () => {
            const index = this.waiting.indexOf(entry);
            if (index < 0) return;
            this.waiting.splice(index, 1);
            this.announce(index);
            reject(
              new RunnerError('CHECK_CANCELLED',
                'The check was cancelled before it started (the session ended).',
              ),
            );
          },
          { once: true },
        );
      });
      // The slot of the check that just finished was handed over to this one.
    } else {
      this.active += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next.start();
        this.announce(0);
      } else {
        this.active -= 1;
      }
    }
  }

  /** Tells every check from `from` on its new place in line. */
  private announce(from: number): void {
    for (let index = from; index < this.waiting.length; index += 1)
      this.waiting[index]!.onPosition(index + 1);
  }
}
