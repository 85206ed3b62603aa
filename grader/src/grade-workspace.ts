/** Grades a learner's folder (or the starter) against an exercise in a temp workspace. */
import type { Exercise } from './load-exercise.ts';
import { prepareWorkspace } from './prepare-workspace.ts';
import { runHarness } from './run-harness.ts';
import type { RunHarnessOptions } from './run-harness.ts';
import type { ResultsDocument } from './schemas.ts';

export type GradeOptions = Omit<RunHarnessOptions, 'timeoutMs' | 'outputBytes'> & {
  /** Overrides exercise.limits.timeoutMs. */
  timeoutMs?: number;
  /** Overrides exercise.limits.outputBytes. */
  outputBytes?: number;
  /** The learner's files as path → content, instead of a folder. */
  files?: Record<string, string>;
};

/** `learnerDir` undefined grades the exercise's starter. The temp workspace is always removed. */
export async function gradeWorkspace(
  exercise: Exercise,
  learnerDir: string | undefined,
  options: GradeOptions = {},
): Promise<ResultsDocument> {
  const { files, ...rest } = options;
  const workspace = prepareWorkspace(exercise, { learnerDir, files });
  try {
    return await runHarness(workspace.dir, {
      ...rest,
      timeoutMs: options.timeoutMs ?? exercise.meta.limits.timeoutMs,
      outputBytes: options.outputBytes ?? exercise.meta.limits.outputBytes,
    });
  } finally {
    workspace.remove();
  }
}
