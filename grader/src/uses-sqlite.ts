/**
 * Whether an exercise loads sqlite3, the one native addon it may use (the local runner allows addons
 * only then; verify:container forbids them otherwise, as a WebContainer does).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from './load-exercise.ts';

export function usesSqlite(exercise: Pick<Exercise, 'starterDir' | 'solutionDir' | 'testsDir'>): boolean {
  const mentions = (dir: string): boolean => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return false;
    }
    return names.some((name) => {
      if (name === 'node_modules') return false;
      const path = join(dir, name);
      return statSync(path).isDirectory() ? mentions(path) : readFileSync(path, 'utf8').includes('sqlite3');
    });
  };
  return [exercise.starterDir, exercise.solutionDir, exercise.testsDir].some(mentions);
}
