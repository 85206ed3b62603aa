/**
 * Warm graders for the sessions that check most: each keeps one harness process (Vitest, Vite and a
 * spare test worker) alive between checks of its session, so a learner's second check costs only the
 * test run. They hold memory while idle, so only the `max` most recently used are kept, and one left
 * unused for `idleMs` is closed; a session whose grader was closed just gets a new one (a cold check)
 * the next time. A grader in the middle of a check is never closed under it.
 */
import type { WarmGrader } from '../../../grader/src/warm-grader.ts';

interface Entry {
  grader: WarmGrader;
  lastUsed: number;
  busy: number;
}

export class WarmCheckers {
  private readonly max: number;
  private readonly idleMs: number;
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(max: number, idleMs: number) {
    this.max = Math.max(0, max);
    this.idleMs = idleMs;
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, Math.min(60_000, idleMs)));
    this.sweeper.unref();
  }

  /** How many warm graders are open (for tests and the bench). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Runs `work` with the session's warm grader, creating it with `create` if it has none. With a
   * limit of 0 the grader is closed right after, which is the same as a cold check.
   */
  async run<T>(key: string, create: () => WarmGrader, work: (grader: WarmGrader) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('The warm graders were closed: the runner is shutting down.');
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { grader: create(), lastUsed: Date.now(), busy: 0 };
      this.entries.set(key, entry);
    }
    entry.busy += 1;
    try {
      return await work(entry.grader);
    } finally {
      entry.busy -= 1;
      entry.lastUsed = Date.now();
      this.trim();
    }
  }

  /** Closes the session's grader (the session ended). */
  async release(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    await entry.grader.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((entry) => entry.grader.close()));
  }

  /** Closes the least recently used idle graders beyond the limit. */
  private trim(): void {
    const idle = [...this.entries]
      .filter(([, entry]) => entry.busy === 0)
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    let excess = this.entries.size - this.max;
    for (const [key] of idle) {
      if (excess <= 0) break;
      void this.release(key);
      excess -= 1;
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.busy === 0 && now - entry.lastUsed > this.idleMs) void this.release(key);
    }
  }
}
