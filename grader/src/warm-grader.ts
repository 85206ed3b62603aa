/**
 * Warm checks: one harness process in `--serve` mode keeps Vitest (and Vite's transform pipeline)
 * alive across checks of one workspace. Each check invalidates every workspace file, so the learner's
 * latest edits are always what runs; a check that hits a limit kills the process and the next check
 * starts a fresh one.
 */
import { startHarness } from './harness-process.ts';
import type { HarnessProcess } from './harness-process.ts';
import { errorResults, outputLimitMessage, timeoutMessage } from './results.ts';
import type { ResultsDocument } from './schemas.ts';
import {
  DEFAULT_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  harnessProcessSettings,
  toProgress,
} from './run-harness.ts';
import type { RunHarnessOptions } from './run-harness.ts';

export interface WarmCheckOptions extends Pick<RunHarnessOptions, 'onProgress' | 'signal'> {
  /**
   * Boot a spare test worker during this check, so the next one starts faster (default true). A busy
   * server that may close this grader before its next check passes false: the spare would be wasted.
   */
  prepareNext?: boolean;
}

export interface WarmGrader {
  /** Runs the suite against the workspace's current files. */
  check(options?: WarmCheckOptions): Promise<ResultsDocument>;
  /** Stops the harness process (and its group). */
  close(): Promise<void>;
}

interface Pending {
  id: number;
  resolve(doc: ResultsDocument): void;
  onProgress?: RunHarnessOptions['onProgress'];
}

export function createWarmGrader(
  workspaceDir: string,
  options: Omit<RunHarnessOptions, 'onProgress' | 'signal'> = {},
): WarmGrader {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outputBytes = options.outputBytes ?? DEFAULT_OUTPUT_BYTES;
  let harness: HarnessProcess | undefined;
  let pending: Pending | undefined;
  let nextId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const settle = (doc: ResultsDocument): void => {
    const current = pending;
    pending = undefined;
    current?.resolve(doc);
  };

  const start = (): HarnessProcess => {
    const started = startHarness(workspaceDir, {
      args: ['--serve'],
      ...harnessProcessSettings(options, outputBytes),
      onMessage: (message) => {
        if (message.type === 'progress') pending?.onProgress?.(toProgress(message));
        if (message.type === 'results' && message.results && message.id === pending?.id)
          settle(message.results);
      },
      onOutputLimit: () => {
        settle(errorResults('OUTPUT_LIMIT', outputLimitMessage(outputBytes)));
        started.kill();
      },
      onLimit: (code, message) => {
        settle(errorResults(code, message));
        started.kill();
      },
      onExit: () => {
        if (harness === started) harness = undefined;
        settle(errorResults('HARNESS_CRASHED', 'The grader stopped before reporting results. Check again.'));
      },
    });
    return started;
  };

  const runCheck = (checkOptions: Parameters<WarmGrader['check']>[0] = {}): Promise<ResultsDocument> => {
    if (closed) return Promise.resolve(errorResults('ABORTED', 'This grader was closed.'));
    harness ??= start();
    const current = harness;
    const id = nextId++;
    const began = Date.now();
    return new Promise<ResultsDocument>((resolve) => {
      const timer = setTimeout(() => {
        settle(errorResults('TIMEOUT', timeoutMessage(timeoutMs)));
        current.kill();
      }, timeoutMs);
      const onAbort = (): void => {
        settle(errorResults('ABORTED', 'The check was cancelled.'));
        current.kill();
      };
      pending = {
        id,
        onProgress: checkOptions.onProgress,
        resolve: (doc) => {
          clearTimeout(timer);
          checkOptions.signal?.removeEventListener('abort', onAbort);
          doc.durationMs ??= Date.now() - began;
          resolve(doc);
        },
      };
      checkOptions.signal?.addEventListener('abort', onAbort, { once: true });
      current.send(
        JSON.stringify({
          type: 'check',
          id,
          ...(checkOptions.prepareNext === false ? { spare: false } : {}),
        }),
      );
    });
  };

  return {
    check(checkOptions) {
      const result = queue.then(() => runCheck(checkOptions));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      closed = true;
      await queue;
      const current = harness;
      harness = undefined;
      if (!current) return;
      current.send('close');
      const grace = setTimeout(() => current.kill(), 1000);
      await current.exited;
      clearTimeout(grace);
    },
  };
}
