/**
 * The runner's view of exercises, through the grader's own loader and workspace builder, so a session
 * holds exactly what `npm run grade` and a WebContainer hold.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../../exercises/_template/grading/files.js';
import { readTextFiles } from '../../components/workspace/read-files.ts';
import { findExerciseBySlug } from '../../../grader/src/find-exercises.ts';
import type { Exercise } from '../../../grader/src/load-exercise.ts';
import { prepareWorkspace } from '../../../grader/src/prepare-workspace.ts';
import { slugSchema } from '../../../grader/src/schemas.ts';
import { usesSqlite } from '../../../grader/src/uses-sqlite.ts';
import { RunnerError } from './runner-error.ts';

export interface RunnerExercise {
  slug: string;
  editable: string[];
  allowNewFiles: boolean;
  timeoutMs: number;
  outputBytes: number;
  /** Whether the exercise loads sqlite3, the one native addon; only then are addons allowed. */
  usesSqlite: boolean;
  source: Exercise;
}

export function findRunnerExercise(exercisesRoot: string, slug: unknown): RunnerExercise {
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) {
    throw new RunnerError('INVALID_EXERCISE',
      `${JSON.stringify(slug)} is not an exercise slug; use one like "first-server".`,
    );
  }
  let source: Exercise;
  try {
    source = findExerciseBySlug(exercisesRoot, parsed.data);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EXERCISE_NOT_FOUND') {
      throw new RunnerError('EXERCISE_NOT_FOUND',
        `There is no exercise called "${parsed.data}"; check the link you followed.`,
      );
    }
    throw new RunnerError('EXERCISE_INVALID',
      `The exercise "${parsed.data}" could not be loaded: ${(error as Error).message}`,
    );
  }
  return {
    slug: source.slug,
    editable: source.meta.files.editable,
    allowNewFiles: source.meta.files.allowNewFiles,
    timeoutMs: source.meta.limits.timeoutMs,
    outputBytes: source.meta.limits.outputBytes,
    usesSqlite: usesSqlite(source),
    source,
  };
}

export interface PreparedSession {
  /** The learner's files as path → content. */
  files: Record<string, string>;
  tests: Record<string, string>;
  /** Every other file of the workspace: the learner never writes these. */
  reserved: Set<string>;
}

/** Builds the workspace in `dir` with the starter or the given learner files. */
export function prepareSessionWorkspace(
  exercise: RunnerExercise,
  dir: string,
  files?: Record<string, string>,
): PreparedSession {
  // node_modules is not linked inside the workspace: learner code may write anywhere in it, and a
  // write through that link would land in the repository. Resolution finds the link one level up
  // (workspace-root.ts). The real, empty folder takes Vite's caches.
  prepareWorkspace(exercise.source, { dir, files, linkNodeModules: false });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  const learner = files ? Object.keys(files) : listFiles(exercise.source.starterDir);
  const learnerFiles: Record<string, string> = {};
  for (const path of learner) learnerFiles[path] = readFileSync(join(dir, path), 'utf8');
  const reserved = new Set(listFiles(dir).filter((path) => !(path in learnerFiles)));
  // The tests as files.json gives them to the in-browser runtime: the same reader, the same map.
  return { files: learnerFiles, tests: readTextFiles(exercise.source.testsDir, 'tests/'), reserved };
}
