/**
 * Runs one check in a prepared workspace: `node harness.mjs` as a child process in its own process
 * group, with a wall-clock limit and an output cap. Whatever happens, it resolves with a results
 * document and leaves no process behind.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness } from './harness-process.ts';
import type { HarnessGuard, HarnessLaunch, ProcessGroups } from './harness-process.ts';
import { shortenPaths } from '../../exercises/_template/grading/paths.js';
import { errorResults, outputLimitMessage, timeoutMessage } from './results.ts';
import type { ResultsDocument } from './schemas.ts';
import { repoRoot } from './paths.ts';

export interface Progress {
  done: number;
  total: number;
  test: string;
}

export interface RunHarnessOptions {
  /** Wall-clock limit of the whole check (exercise.limits.timeoutMs, default 10 000). */
  timeoutMs?: number;
  /** Cap on the learner's output (exercise.limits.outputBytes, default 64 KiB). */
  outputBytes?: number;
  /** Extra node flags, e.g. the local runner's --permission or --max-old-space-size. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /**
   * Whether the child also gets this process's environment (default true, for the CLI). A server
   * passes false and a complete minimal `env`, so none of its own secrets reach learner code.
   */
  inheritEnv?: boolean;
  /** Told about the harness's process group, for a server's orphan clean-up after a crash. */
  groups?: ProcessGroups;
  /** Niceness of the harness and everything it starts (e.g. 10: below the serving process). */
  priority?: number;
  /** Wraps `node …args` in another command (the local runner's bubblewrap sandbox). */
  launch?: HarnessLaunch;
  /**
   * Watches the started process (the local runner's memory and disk limits); calls `stop` with a
   * learner-facing code and message to end the check, and returns a function that stops watching.
   */
  guard?: HarnessGuard;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_OUTPUT_BYTES = 64 * 1024;

/** The process settings a one-shot check and a warm grader both start the harness with. */
export function harnessProcessSettings(
  options: Omit<RunHarnessOptions, 'onProgress' | 'signal'>,
  outputBytes: number,
) {
  return {
    nodeArgs: options.nodeArgs,
    env: { ...options.env, KITCHEN_OUTPUT_BYTES: String(outputBytes) },
    inheritEnv: options.inheritEnv,
    groups: options.groups,
    priority: options.priority,
    launch: options.launch,
    guard: options.guard,
    // The harness keeps the app's console output per test, capped; only stray writes count here.
    outputBytes: outputBytes * 4,
  };
}

/** A harness progress message as the Progress callers receive. */
export function toProgress(message: { done?: number; total?: number; test?: string }): Progress {
  return { done: message.done ?? 0, total: message.total ?? 0, test: message.test ?? '' };
}

export function runHarness(workspaceDir: string, options: RunHarnessOptions = {}): Promise<ResultsDocument> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outputBytes = options.outputBytes ?? DEFAULT_OUTPUT_BYTES;
  const started = Date.now();
  return new Promise((resolve) => {
    let results: ResultsDocument | undefined;
    let stopped: ResultsDocument | undefined;
    const stop = (doc: ResultsDocument): void => {
      stopped ??= doc;
      harness.kill();
    };
    const harness = startHarness(workspaceDir, {
      args: [],
      ...harnessProcessSettings(options, outputBytes),
      onMessage: (message) => {
        if (message.type === 'progress') options.onProgress?.(toProgress(message));
        if (message.type === 'results' && message.results) results = message.results;
      },
      onOutputLimit: () => stop(errorResults('OUTPUT_LIMIT', outputLimitMessage(outputBytes))),
      onLimit: (code, message) => stop(errorResults(code, message)),
      onExit: (code, signal, stderrTail) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        rmSync(join(workspaceDir, '.kitchen'), { recursive: true, force: true });
        const doc =
          stopped ??
          results ??
          errorResults(
            'HARNESS_CRASHED',
            `The grader stopped before reporting results (exit ${signal ?? code}). ` +
              shortenPaths(stderrTail.trim().split('\n').slice(-5).join('\n'), [workspaceDir, repoRoot]),
          );
        if (doc.durationMs === undefined || stopped) doc.durationMs = Date.now() - started;
        resolve(doc);
      },
    });
    const timer = setTimeout(() => stop(errorResults('TIMEOUT', timeoutMessage(timeoutMs))), timeoutMs);
    const onAbort = (): void => stop(errorResults('ABORTED', 'The check was cancelled.'));
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
