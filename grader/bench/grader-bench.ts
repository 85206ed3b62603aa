/**
 * Grader figures for `npm run bench` (printed, never asserted): cold check (a new harness process per
 * check) and warm check (one `--serve` harness reused) of the first-server solution, p50/p95 over
 * 20 runs each, and the time of a whole `npm run verify`. Warm checks are measured twice: back to
 * back (the next check starts the moment the last one answers, before the spare worker has fully
 * booted) and after a 1 s pause, the shortest time a learner takes to edit and press Check again.
 * The load average is printed too: on a shared 2-core machine it moves every figure.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createWarmGrader, loadExercise, prepareWorkspace, repoRoot, runHarness } from '../src/index.ts';
import { percentile } from './percentile.ts';

const RUNS = 20;

function line(label: string, values: number[]): string {
  return `${label.padEnd(30)} p50 ${Math.round(percentile(values, 50))} ms · p95 ${Math.round(percentile(values, 95))} ms (n=${values.length})`;
}

export async function run(): Promise<void> {
  console.log(
    `load average at start: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (${cpus().length} cores)`,
  );
  const exercise = loadExercise(join(repoRoot, 'exercises/00-how-the-back-end-works/01-first-server'));
  const workspace = prepareWorkspace(exercise, { learnerDir: exercise.solutionDir });
  try {
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const doc = await runHarness(workspace.dir);
      cold.push(performance.now() - started);
      if (doc.status !== 'pass') throw new Error(`cold check did not pass: ${doc.message ?? doc.status}`);
    }
    console.log(line('Cold check (new process)', cold));

    const grader = createWarmGrader(workspace.dir);
    await grader.check(); // the first check starts the process: it is a cold one
    const warmRun = async (pauseMs: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
        const started = performance.now();
        const doc = await grader.check();
        times.push(performance.now() - started);
        if (doc.status !== 'pass') throw new Error(`warm check did not pass: ${doc.message ?? doc.status}`);
      }
      return times;
    };
    const afterPause = await warmRun(1000);
    const backToBack = await warmRun(0);
    await grader.close();
    console.log(line('Warm check (after 1 s pause)', afterPause));
    console.log(line('Warm check (back to back)', backToBack));
  } finally {
    workspace.remove();
  }
  const started = performance.now();
  const verify = spawnSync(process.execPath, [join(repoRoot, 'grader/cli/verify.ts')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary = verify.stdout.trim().split('\n').at(-1);
  console.log(`${'npm run verify'.padEnd(30)} ${seconds} s (exit ${verify.status}: ${summary})`);
  console.log(
    `load average at end: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );
}

if (import.meta.main) await run();
