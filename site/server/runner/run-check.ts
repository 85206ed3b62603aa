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
 */
import { createWarmGrader, type WarmGrader } from '../../../grader/src/warm-grader.ts';
import type { HarnessGuard, HarnessLaunch, ProcessGroups } from '../../../grader/src/harness-process.ts';

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
}

/** Starting Vitest cold (a session's first check, or after a limit was hit) takes a few seconds more. */
const STARTUP_ALLOWANCE_MS = 10_000;
/** Below the site server, so a learner's busy loop never slows the site's own pages. */
const LEARNER_PRIORITY = 10;

export function createCheckGrader(options: CheckGraderOptions): WarmGrader {
  const { sandboxArgs } = options;
  return createWarmGrader(options.workspace, {
    // Vite 8 (inside Vitest) loads rolldown, a native addon, in the harness process only.
    nodeArgs: [
      ...sandboxArgs,
      '--allow-child-process',
      ...(sandboxArgs.includes('--allow-addons') ? [] : ['--allow-addons']),
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
}
