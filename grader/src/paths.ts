/** Where the repository's folders are, found from this file so any working directory works. */
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');
export const exercisesRoot = join(repoRoot, 'exercises');
export const templateDir = join(exercisesRoot, '_template');
export const repoNodeModules = join(repoRoot, 'node_modules');

/**
 * A path for messages: relative to the repository when inside it, with forward slashes. For an
 * author's terminal, one path at a time; learners' texts go through grading/paths.js's shortenPaths.
 */
export function displayPath(path: string): string {
  const rel = relative(repoRoot, path);
  if (rel.startsWith('..') || rel === '') return path.split(sep).join('/');
  return rel.split(sep).join('/');
}
