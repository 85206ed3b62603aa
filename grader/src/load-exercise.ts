/**
 * Reads an exercise folder: `exercise.yaml` validated by the shared zod schema, plus where its
 * starter, solution and tests live. An invalid exercise is an error naming the file, the field, what
 * was found and the fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { exerciseSchema, parseNumberedName } from './schemas.ts';
import type { ExerciseMeta } from './schemas.ts';
import { GraderError } from './errors.ts';
import { displayPath } from './paths.ts';

export interface Exercise {
  /** The exercise slug, from its folder name `NN-slug`. */
  slug: string;
  /** The absolute path of the exercise folder. */
  dir: string;
  /** The validated `exercise.yaml`. */
  meta: ExerciseMeta;
  starterDir: string;
  solutionDir: string;
  testsDir: string;
}

/** Fixes for the schema's fields, so an error says what to write, not only what is wrong. */
const FIXES: Record<string, string> = {
  id: 'task ids must be "1", "2", … in order (quoted strings)',
  lesson: 'use the slug of a lesson, like "your-first-server"',
  difficulty: 'use one of "beginner", "intermediate", "advanced"',
};

export function loadExercise(dir: string): Exercise {
  const absolute = resolve(dir);
  const file = join(absolute, 'exercise.yaml');
  const shown = displayPath(file);
  if (!existsSync(file)) {
    throw new GraderError(
      'EXERCISE_NOT_FOUND',
      `${shown}: not found. An exercise folder needs an exercise.yaml (see exercises/00-how-the-back-end-works/01-first-server).`,
    );
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GraderError(
      'EXERCISE_INVALID',
      `${shown}: is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const parsed = exerciseSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path
      .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`))
      .join('');
    const received = valueAt(raw, issue.path as Array<string | number>);
    const last = String(issue.path[issue.path.length - 1] ?? '');
    const fix = FIXES[last] ?? issue.message;
    const got = received === undefined ? 'it is missing' : `got ${JSON.stringify(received)}`;
    throw new GraderError('EXERCISE_INVALID', `${shown}: ${field || 'the file'} ${fix}: ${got}`);
  }
  const meta = parsed.data;
  meta.tasks.forEach((task, index) => {
    if (task.id !== String(index + 1)) {
      throw new GraderError(
        'EXERCISE_INVALID',
        `${shown}: tasks[${index}].id must be "${index + 1}" (tasks are numbered 1, 2, … in order): got "${task.id}"`,
      );
    }
  });
  const slug = parseNumberedName(basename(absolute))?.slug ?? basename(absolute);
  return {
    slug,
    dir: absolute,
    meta,
    starterDir: join(absolute, 'starter'),
    solutionDir: join(absolute, 'solution'),
    testsDir: join(absolute, 'tests'),
  };
}

function valueAt(value: unknown, path: Array<string | number>): unknown {
  let current: unknown = value;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}
