/**
 * Which exercises a change touches, for `npm run mutate -- --changed`: mutating every exercise takes
 * far longer than the rest of `npm test`, and only a changed solution, test or exercise.yaml can
 * change an exercise's mutants.
 */
import { execFileSync } from 'node:child_process';
import { relative, sep } from 'node:path';
import { repoRoot } from './paths.ts';

/** The files of an exercise folder that decide its mutation report. */
const DECIDING = /^(solution\/|tests\/|exercise\.yaml$)/;

/** The exercise folders (absolute, in the given order) that a changed solution, test or exercise.yaml is in. */
export function exercisesTouchedBy(
  changedPaths: readonly string[],
  exerciseDirs: readonly string[],
): string[] {
  return exerciseDirs.filter((dir) => {
    const prefix = `${relative(repoRoot, dir).split(sep).join('/')}/`;
    return changedPaths.some((path) => path.startsWith(prefix) && DECIDING.test(path.slice(prefix.length)));
  });
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function commitOf(ref: string): string | undefined {
  try {
    return git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * What to compare with: where this branch left origin/main, or, on main itself (or without a
 * remote), the commit before HEAD.
 */
export function defaultBase(): string | undefined {
  const head = commitOf('HEAD');
  if (commitOf('origin/main')) {
    const fork = git('merge-base', 'HEAD', 'origin/main').trim();
    if (fork && fork !== head) return 'origin/main';
  }
  return commitOf('HEAD~1') ? 'HEAD~1' : undefined;
}

/**
 * Repository paths that differ between `base` and the working tree (committed or not), plus new
 * files git does not ignore. Without a base (a repository of one commit) every tracked file counts.
 */
export function changedPaths(base: string | undefined): string[] {
  const lines = (text: string): string[] => text.split('\n').filter(Boolean);
  const untracked = lines(git('ls-files', '--others', '--exclude-standard'));
  if (base === undefined) return [...lines(git('ls-files')), ...untracked];
  // From where HEAD and the base parted, so changes made on the base since then are not counted.
  const fork = git('merge-base', 'HEAD', base).trim();
  return [...lines(git('diff', '--name-only', fork)), ...untracked];
}
