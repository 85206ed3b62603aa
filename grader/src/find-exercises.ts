/** Finds exercise folders: `exercises/NN-track/NN-slug/` holding an exercise.yaml (never _template). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadExercise } from './load-exercise.ts';
import type { Exercise } from './load-exercise.ts';
import { GraderError } from './errors.ts';

/** Absolute paths of every exercise folder under `root`, in track then exercise order. */
export function findExercises(root: string): string[] {
  if (!existsSync(root)) return [];
  const dirs: string[] = [];
  for (const track of sortedDirs(root)) {
    if (track.startsWith('_') || track.startsWith('.')) continue;
    for (const exercise of sortedDirs(join(root, track))) {
      if (exercise.startsWith('_') || exercise.startsWith('.')) continue;
      const dir = join(root, track, exercise);
      if (existsSync(join(dir, 'exercise.yaml'))) dirs.push(dir);
    }
  }
  return dirs;
}

/** Loads the exercise whose folder is `NN-<slug>`, or throws EXERCISE_NOT_FOUND. */
export function findExerciseBySlug(root: string, slug: string): Exercise {
  for (const dir of findExercises(root)) {
    if (dir.endsWith(`-${slug}`) && /\/\d\d-/.test(dir.slice(-(slug.length + 4)))) {
      const exercise = loadExercise(dir);
      if (exercise.slug === slug) return exercise;
    }
  }
  throw new GraderError(
    'EXERCISE_NOT_FOUND',
    `No exercise with the slug "${slug}" under ${root}: check the name.`,
  );
}

function sortedDirs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
