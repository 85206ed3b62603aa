/** The grader's public API (Node side). Test authors' helpers live in exercises/_template/grading/. */
export { loadExercise } from './load-exercise.ts';
export type { Exercise } from './load-exercise.ts';
export { findExercises, findExerciseBySlug } from './find-exercises.ts';
export { prepareWorkspace } from './prepare-workspace.ts';
export type { PrepareOptions, Workspace } from './prepare-workspace.ts';
export { runHarness, DEFAULT_OUTPUT_BYTES, DEFAULT_TIMEOUT_MS } from './run-harness.ts';
export type { Progress, RunHarnessOptions } from './run-harness.ts';
export type { ProcessGroups } from './harness-process.ts';
export { createWarmGrader } from './warm-grader.ts';
export type { WarmCheckOptions, WarmGrader } from './warm-grader.ts';
export { gradeWorkspace } from './grade-workspace.ts';
export type { GradeOptions } from './grade-workspace.ts';
export { verifyExercise } from './verify-exercise.ts';
export type { VerifyReport } from './verify-exercise.ts';
export { GraderError } from './errors.ts';
export type { GraderErrorCode } from './errors.ts';
export { exercisesRoot, repoRoot, templateDir } from './paths.ts';
export * from './schemas.ts';
