/**
 * Proves an exercise's suite: the reference solution passes every test, the starter fails at least
 * one test of every task (a task whose tests pass on the starter tests nothing), every task has
 * tests, and two runs give the same result.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from './load-exercise.ts';
import { prepareWorkspace, replaceLearnerFiles } from './prepare-workspace.ts';
import type { RunHarnessOptions } from './run-harness.ts';
import { createWarmGrader } from './warm-grader.ts';
import type { ResultsDocument } from './schemas.ts';
import { displayPath } from './paths.ts';

export interface VerifyReport {
  slug: string;
  dir: string;
  ok: boolean;
  /** Each problem is a sentence naming the file or task and the fix. */
  problems: string[];
  solution: ResultsDocument;
  starter: ResultsDocument;
  durationMs: number;
}

export interface VerifyOptions {
  /** The workspace's node_modules (default: the repository's). */
  nodeModules?: string;
  /** How the harness starts (verify:container: Node 22, WASM bundler, no addons). */
  harness?: Pick<RunHarnessOptions, 'launch' | 'env' | 'nodeArgs'>;
}

export async function verifyExercise(exercise: Exercise, options: VerifyOptions = {}): Promise<VerifyReport> {
  const started = Date.now();
  const where = displayPath(exercise.dir);
  const problems: string[] = [];
  for (const file of exercise.meta.files.editable) {
    for (const [label, dir] of [
      ['starter', exercise.starterDir],
      ['solution', exercise.solutionDir],
    ] as const) {
      if (!existsSync(join(dir, file)))
        problems.push(
          `${where}/${label}/${file} is missing: every editable file must exist in starter/ and solution/.`,
        );
    }
  }
  // One workspace and one warm grader (harness --serve) for all four runs: Vitest starts once, and
  // every run still gets a fresh worker process. The second run of each also proves the suite gives
  // the same result when it runs again in a workspace it has already run in, which is how learners
  // check (a SQLite file or anything else a run leaves behind must not change the outcome).
  const workspace = prepareWorkspace(exercise, {
    learnerDir: exercise.solutionDir,
    nodeModules: options.nodeModules,
  });
  const grader = createWarmGrader(workspace.dir, {
    ...options.harness,
    timeoutMs: exercise.meta.limits.timeoutMs,
    outputBytes: exercise.meta.limits.outputBytes,
  });
  let solution: ResultsDocument,
    solutionAgain: ResultsDocument,
    starter: ResultsDocument,
    starterAgain: ResultsDocument;
  try {
    solution = await grader.check();
    solutionAgain = await grader.check();
    replaceLearnerFiles(workspace.dir, exercise.solutionDir, exercise.starterDir);
    starter = await grader.check();
    starterAgain = await grader.check();
  } finally {
    await grader.close();
    workspace.remove();
  }

  if (solution.status !== 'pass') {
    const failing = solution.tests.filter((test) => test.status !== 'pass');
    const detail =
      solution.status === 'error'
        ? solution.message
        : failing.map((test) => `"${test.name}": ${test.message}`).join('\n');
    problems.push(
      `${where}/solution does not pass its tests (${solution.status}${solution.code ? ` ${solution.code}` : ''}): fix the solution or the tests.\n${detail ?? ''}`,
    );
  }
  for (const task of exercise.meta.tasks) {
    const tests = solution.tests.filter((test) => test.task_id === task.id);
    if (solution.status !== 'error' && tests.length === 0) {
      problems.push(
        `${where}/exercise.yaml: task "${task.id}" has no tests: add describe('${task.id}. ${task.title}', …) in tests/ or remove the task.`,
      );
    }
  }
  for (const test of solution.tests) {
    if (!exercise.meta.tasks.some((task) => task.id === test.task_id)) {
      problems.push(
        `${where}/tests: "${test.name}" is in task "${test.task_id}", which exercise.yaml does not list: number its describe block after a task.`,
      );
    }
  }
  if (starter.status === 'error') {
    problems.push(
      `${where}/starter cannot be graded (${starter.code}): ${starter.message} The starter must load and run, failing tests.`,
    );
  } else {
    for (const task of exercise.meta.tasks) {
      const tests = starter.tests.filter((test) => test.task_id === task.id);
      if (tests.length > 0 && tests.every((test) => test.status === 'pass')) {
        problems.push(
          `${where}: every test of task "${task.id}" passes on the starter, so the task tests nothing: make the starter lack it or test it better.`,
        );
      }
    }
  }
  if (
    fingerprint(solution) !== fingerprint(solutionAgain) ||
    fingerprint(starter) !== fingerprint(starterAgain)
  ) {
    problems.push(
      `${where}: two runs gave different results, so a test depends on timing, order or leftover state: make the tests deterministic.`,
    );
  }
  return {
    slug: exercise.slug,
    dir: exercise.dir,
    ok: problems.length === 0,
    problems,
    solution,
    starter,
    durationMs: Date.now() - started,
  };
}

/** The parts of a results document that must not change between two runs. */
export function fingerprint(doc: ResultsDocument): string {
  return JSON.stringify({
    status: doc.status,
    code: doc.code,
    tasks: doc.tasks,
    tests: doc.tests.map((test) => ({ name: test.name, task_id: test.task_id, status: test.status })),
  });
}
