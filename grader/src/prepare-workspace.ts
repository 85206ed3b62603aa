/**
 * Builds a workspace: the template runtime + the exercise's tests + the learner's files (or the
 * starter) + the reference solution in .reference/ (for compareWithReference). Locally node_modules
 * is a symlink to the repository's: sqlite3 compiles for over a minute, so it is installed once.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import type { Exercise } from './load-exercise.ts';
import { GraderError } from './errors.ts';
import { repoNodeModules, templateDir } from './paths.ts';

export interface PrepareOptions {
  /** Where to build it; a new temp folder when omitted (then `remove()` deletes it). */
  dir?: string;
  /** A folder with the learner's files (app.js, …). */
  learnerDir?: string;
  /** The learner's files as path → content; wins over learnerDir. */
  files?: Record<string, string>;
  /** Link node_modules to the repository's (default true). */
  linkNodeModules?: boolean;
  /** Link node_modules to this folder instead of the repository's (verify:container's). */
  nodeModules?: string;
}

export interface Workspace {
  dir: string;
  /** True when prepareWorkspace created the folder, so removing it is the caller's duty. */
  temporary: boolean;
  /** Deletes the folder if it is temporary. */
  remove(): void;
}

/** Names the learner cannot provide: the grader's own files always win. */
const RESERVED = new Set(['node_modules', 'tests', 'grading', '.reference', '.kitchen', 'exercise.json']);

export function prepareWorkspace(exercise: Exercise, options: PrepareOptions = {}): Workspace {
  const temporary = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kitchen-'));
  mkdirSync(dir, { recursive: true });
  try {
    if (options.files) writeLearnerFiles(dir, options.files);
    else copyLearnerDir(options.learnerDir ?? exercise.starterDir, dir);
    // Template, tests and reference are copied after the learner's files so they always win.
    for (const entry of readdirSync(templateDir)) {
      if (entry === 'node_modules') continue;
      cpSync(join(templateDir, entry), join(dir, entry), { recursive: true });
    }
    rmSync(join(dir, 'tests'), { recursive: true, force: true });
    if (existsSync(exercise.testsDir)) cpSync(exercise.testsDir, join(dir, 'tests'), { recursive: true });
    rmSync(join(dir, '.reference'), { recursive: true, force: true });
    if (existsSync(exercise.solutionDir))
      cpSync(exercise.solutionDir, join(dir, '.reference'), { recursive: true });
    const info = {
      slug: exercise.slug,
      title: exercise.meta.title,
      tasks: exercise.meta.tasks,
      limits: exercise.meta.limits,
    };
    writeFileSync(join(dir, 'exercise.json'), JSON.stringify(info, null, 2));
    if ((options.linkNodeModules ?? true) && !existsSync(join(dir, 'node_modules'))) {
      symlinkSync(options.nodeModules ?? repoNodeModules, join(dir, 'node_modules'), 'dir');
    }
  } catch (error) {
    if (temporary) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    temporary,
    remove: () => {
      if (temporary) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function isReserved(path: string): boolean {
  return RESERVED.has(path.split('/')[0]!);
}

// Not learner-path.ts's rule: files come from the CLI or from the runner, which checked them; this
// guard only keeps them inside the workspace and off the grader's own names.
function writeLearnerFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const clean = normalize(path).split(sep).join('/');
    if (isAbsolute(path) || clean.startsWith('..') || clean === '.' || isReserved(clean)) {
      throw new GraderError(
        'WORKSPACE_INVALID',
        `The learner file "${path}" is not allowed: use a relative path like "app.js" outside tests/ and grading/.`,
      );
    }
    const target = join(dir, clean);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

function copyLearnerDir(from: string, dir: string): void {
  if (!existsSync(from)) {
    throw new GraderError('WORKSPACE_INVALID', `${from} does not exist: pass a folder that holds app.js.`);
  }
  for (const entry of readdirSync(from)) {
    if (isReserved(entry) || entry === '.git') continue;
    cpSync(join(from, entry), join(dir, entry), { recursive: true });
  }
}

/**
 * Swaps one set of learner files for another in a prepared workspace (verify grades the solution,
 * then the starter, in one warm workspace): the files `previousDir` put there go, `nextDir`'s come.
 * The template, tests and reference stay as they are.
 */
export function replaceLearnerFiles(workspaceDir: string, previousDir: string, nextDir: string): void {
  const template = new Set(readdirSync(templateDir));
  const isLearnerEntry = (entry: string): boolean =>
    !isReserved(entry) && entry !== '.git' && !template.has(entry);
  if (existsSync(previousDir)) {
    for (const entry of readdirSync(previousDir).filter(isLearnerEntry))
      rmSync(join(workspaceDir, entry), { recursive: true, force: true });
  }
  if (!existsSync(nextDir)) {
    throw new GraderError('WORKSPACE_INVALID', `${nextDir} does not exist: pass a folder that holds app.js.`);
  }
  for (const entry of readdirSync(nextDir).filter(isLearnerEntry))
    cpSync(join(nextDir, entry), join(workspaceDir, entry), { recursive: true });
}
