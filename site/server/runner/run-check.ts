/**
 * Runs the grader's harness (`node harness.mjs`, the same one CI and WebContainers run) once in a
 * workspace, under the sandbox, and reads its protocol lines: progress while it runs, then the
 * results document. Anything that stops it short becomes an "error" results document that says why.
 *
 * The harness needs child processes (Vitest's "forks" pool, and its watchdog kills a stuck fork), so
 * the harness process gets --allow-child-process. The learner's code never runs in it, only in the
 * Vitest forks, and those get their permissions from NODE_OPTIONS, which is the narrower set: no child
 * processes, so learner code cannot start /bin/sh to step around the permission model.
 */
import { RESULTS_VERSION, type ResultsDocument } from '../../../grader/src/schemas.ts';
import { startLearnerProcess } from './learner-process.ts';

export interface CheckRunOptions {
  workspace: string;
  /** Flags for the harness process itself. */
  harnessArgs: string[];
  /** NODE_OPTIONS for the Vitest forks that run the learner's code. */
  workerOptions: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** The exercise's cap on the app's console output, which the harness keeps per test. */
  outputBytes: number;
  onProgress: (progress: { done: number; total: number; test: string }) => void;
  signal?: AbortSignal;
  sanitize: (text: string) => string;
  groups?: { recordGroup(pgid: number): void; forgetGroup(pgid: number): void };
}

const PREFIX = '@@kitchen ';

export function errorResults(code: string, message: string): ResultsDocument {
  return { version: RESULTS_VERSION, status: 'error', code, message, tasks: [], tests: [] };
}

export async function runCheck(options: CheckRunOptions): Promise<ResultsDocument> {
  const started = Date.now();
  let results: ResultsDocument | undefined;
  let pending = '';
  let stderr = '';
  const child = startLearnerProcess({
    args: [...options.harnessArgs, 'harness.mjs'],
    cwd: options.workspace,
    env: { ...options.env, NODE_OPTIONS: options.workerOptions, KITCHEN_OUTPUT_BYTES: String(options.outputBytes) },
    // The protocol lines carry the results (with capped output per test); more than this is runaway output.
    outputBytes: options.outputBytes * 4 + 1024 * 1024,
    maxMs: options.timeoutMs,
    groups: options.groups,
    onOutput: (stream, text) => {
      if (stream === 'stderr') {
        stderr = (stderr + text).slice(-4000);
        return;
      }
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith(PREFIX)) continue;
        let message: { type?: string; done?: number; total?: number; test?: string; results?: ResultsDocument };
        try {
          message = JSON.parse(line.slice(PREFIX.length)) as typeof message;
        } catch {
          continue;
        }
        if (message.type === 'progress') {
          options.onProgress({ done: message.done ?? 0, total: message.total ?? 0, test: String(message.test ?? '') });
        } else if (message.type === 'results' && message.results) {
          results = message.results;
        }
      }
    },
  });
  const abort = () => child.kill('stopped');
  options.signal?.addEventListener('abort', abort, { once: true });
  const exit = await child.exited;
  options.signal?.removeEventListener('abort', abort);
  if (results) return results;
  if (exit.reason === 'timeout') {
    return errorResults(
      'TIMEOUT',
      `The check took longer than ${Math.round(options.timeoutMs / 1000)} s, so it was stopped. An endless loop, or a request your app never answers, usually causes this.`,
    );
  }
  if (exit.reason === 'output-limit') {
    return errorResults('OUTPUT_LIMIT', `The check printed more than ${Math.round(options.outputBytes / 1024)} KB, so it was stopped. Look for a console.log inside a loop.`);
  }
  if (exit.reason === 'stopped') return errorResults('CHECK_CANCELLED', 'The check was stopped before it finished.');
  const tail = options.sanitize(stderr.trim().split('\n').slice(-8).join('\n'));
  return {
    ...errorResults(
      'HARNESS_CRASHED',
      `The grader stopped without a result (exit code ${exit.code ?? exit.signal}).${tail ? `\nLast lines it printed:\n${tail}` : ''}`,
    ),
    durationMs: Date.now() - started,
  };
}
