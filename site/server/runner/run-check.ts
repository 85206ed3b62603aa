/**
 * Checks run the grader's own harness (`node harness.mjs --serve`, the one CI and WebContainers run)
 * through the grader's process starter, under the sandbox. One warm grader per session keeps Vitest
 * up between its checks (warm-checkers.ts decides how many stay open).
 *
 * The harness needs child processes (Vitest's "forks" pool, its spare worker, and its watchdog kills
 * a stuck fork), so the harness process gets --allow-child-process. The learner's code never runs in
 * it, only in the Vitest forks, and those get their permissions from NODE_OPTIONS, which is the
 * narrower set: no child processes, so learner code cannot start /bin/sh to step around the
 * permission model. The environment is exactly sandboxEnv's (inheritEnv: false): nothing of the
 * server's own reaches the harness or the forks.
 *
 * The harness alone may also write the session's module cache (workspace-root.ts moduleCacheDir), where
 * Vitest keeps the modules it transformed: warm checks then transform only what changed. The forks
 * may read it, not write it, so learner code cannot change what a later check runs. It is removed
 * with the session's last grader, and emptied (with a cold start) if it ever grows past a cap.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createWarmGrader, type WarmGrader } from '../../../grader/src/warm-grader.ts';
import type { HarnessGuard, HarnessLaunch, ProcessGroups } from '../../../grader/src/harness-process.ts';
import { folderUsage } from './resource-watch.ts';
import { moduleCacheDir } from './workspace-root.ts';

export interface CheckGraderOptions {
  workspace: string;
  /** The sandbox flags for check mode (sandboxNodeArgs({ mode: 'check', … })). */
  sandboxArgs: string[];
  /** sandboxEnv({ mode: 'check', … }). */
  env: Record<string, string>;
  /** The exercise's wall-clock limit for its tests. */
  timeoutMs: number;
  /** The exercise's cap on the app's console output, which the harness keeps per test. */
  outputBytes: number;
  groups?: ProcessGroups;
  /** bubblewrap around the harness, when the machine has it. */
  launch?: HarnessLaunch;
  /** The memory and disk watch. */
  guard?: HarnessGuard;
  /** Past this size the module cache is emptied before the next check (default MODULE_CACHE_BYTES). */
  moduleCacheBytes?: number;
}

/** Starting Vitest cold (a session's first check, or after a limit was hit) takes a few seconds more. */
const STARTUP_ALLOWANCE_MS = 10_000;
/** Below the site server, so a learner's busy loop never slows the site's own pages. */
const LEARNER_PRIORITY = 10;

/**
 * Past this the module cache is emptied before the next check. A session's own files take well under
 * 1 MB; only code that writes and imports many modules (each version is kept) comes near it.
 */
export const MODULE_CACHE_BYTES = 64 * 1024 * 1024;

/** How many open graders use each module cache (a closing grader and its successor may overlap). */
const cacheUsers = new Map<string, number>();

export function createCheckGrader(options: CheckGraderOptions): WarmGrader {
  const { sandboxArgs } = options;
  const cache = moduleCacheDir(options.workspace);
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  cacheUsers.set(cache, (cacheUsers.get(cache) ?? 0) + 1);
  const start = (): WarmGrader =>
    createWarmGrader(options.workspace, {
      // Vite 8 (inside Vitest) loads rolldown, a native addon, in the harness process only.
      nodeArgs: [
        ...sandboxArgs,
        '--allow-child-process',
        ...(sandboxArgs.includes('--allow-addons') ? [] : ['--allow-addons']),
        // The module cache: this process writes it; the forks (NODE_OPTIONS) only read it.
        `--allow-fs-write=${cache}`,
      ],
      env: { ...options.env, NODE_OPTIONS: sandboxArgs.join(' ') },
      inheritEnv: false,
      timeoutMs: options.timeoutMs + STARTUP_ALLOWANCE_MS,
      outputBytes: options.outputBytes,
      groups: options.groups,
      priority: LEARNER_PRIORITY,
      launch: options.launch,
      guard: options.guard,
    });
  let grader = start();
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  const runCheck: WarmGrader['check'] = async (checkOptions) => {
    if (!closed && folderUsage(cache, Number.MAX_SAFE_INTEGER).bytes > (options.moduleCacheBytes ?? MODULE_CACHE_BYTES)) {
      // The harness holds paths into the cache: a new one (a cold check) starts with it empty.
      const full = grader;
      grader = start();
      await full.close();
      rmSync(cache, { recursive: true, force: true });
      mkdirSync(cache, { recursive: true, mode: 0o700 });
    }
    return grader.check(checkOptions);
  };
  return {
    check(checkOptions) {
      const result = queue.then(() => runCheck(checkOptions));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await grader.close();
      const users = (cacheUsers.get(cache) ?? 1) - 1;
      if (users > 0) cacheUsers.set(cache, users);
      else {
        cacheUsers.delete(cache);
        rmSync(cache, { recursive: true, force: true });
      }
    },
  };
}
