/**
 * Whether an exercise loads sqlite3, the one native addon it may use (the local runner allows addons
 * only then; verify:container forbids them otherwise, as a WebContainer does).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../exercises/_template/grading/files.js';
import type { Exercise } from './load-exercise.ts';

export function usesSqlite(exercise: Pick<Exercise, 'starterDir' | 'solutionDir' | 'testsDir'>): boolean {
  const mentions = (dir: string): boolean =>
    listFiles(dir).some((file) => readFileSync(join(dir, file), 'utf8').includes('sqlite3'));
  return [exercise.starterDir, exercise.solutionDir, exercise.testsDir].some(mentions);
}
