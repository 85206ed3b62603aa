/**
 * Reads every track, lesson and exercise from disk without stopping at the first bad one: the linter
 * must report all problems at once, so a file that cannot be parsed becomes a problem and reading goes on.
 * Problems about the shape of the tree itself (names, missing files, YAML syntax) are found here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../../../exercises/_template/grading/files.js';
import { parseNumberedName } from '../schemas.ts';
import type { LintProblem } from './problem.ts';
import { parseYamlSource, splitFrontmatter, type YamlSource } from './yaml-source.ts';

export interface TrackEntry {
  /** `content/00-how-the-back-end-works` */
  dir: string;
  folder: string;
  order: number;
  slug: string;
  yaml?: YamlSource;
}

export interface LessonEntry {
  /** `content/00-how-the-back-end-works/02-your-first-server.mdx` */
  file: string;
  track: TrackEntry;
  order: number;
  slug: string;
  text: string;
  frontmatter?: YamlSource;
  /** The MDX after the frontmatter, and the 1-based line it starts on. */
  body: string;
  bodyLine: number;
}

export interface SourceFile {
  /** Relative to the repository root. */
  file: string;
  text: string;
}

export interface ExerciseEntry {
  /** `exercises/00-how-the-back-end-works/01-first-server` */
  dir: string;
  trackFolder: string;
  track?: TrackEntry;
  order: number;
  slug: string;
  yaml?: YamlSource;
  instructions?: SourceFile;
  hints?: SourceFile;
  tests: SourceFile[];
  /** Paths relative to starter/ and solution/, or undefined when the folder is missing. */
  starterFiles?: string[];
  solutionFiles?: string[];
}

export interface ContentTree {
  root: string;
  tracks: TrackEntry[];
  lessons: LessonEntry[];
  exercises: ExerciseEntry[];
}

const rel = (root: string, absolute: string) => path.relative(root, absolute).split(path.sep).join('/');
const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
/** Folders and files starting with "_" or "." are not content (e.g. exercises/_template). */
const ignored = (name: string) => name.startsWith('_') || name.startsWith('.');

export function readContentTree(root: string): { tree: ContentTree; problems: LintProblem[] } {
  const problems: LintProblem[] = [];
  const tree: ContentTree = { root, tracks: [], lessons: [], exercises: [] };
  const contentDir = path.join(root, 'content');
  const exercisesDir = path.join(root, 'exercises');

  for (const name of isDir(contentDir) ? readdirSync(contentDir).sort() : []) {
    const abs = path.join(contentDir, name);
    if (ignored(name) || !isDir(abs)) continue;
    const parsed = parseNumberedName(name);
    if (!parsed) {
      problems.push({
        code: 'BAD_TRACK_NAME',
        severity: 'error',
        file: rel(root, abs),
        message: `track folder "${name}" is not named NN-slug, so the site ignores it`,
        fix: `rename it like "01-${slugify(name)}" (two digits, a hyphen, lowercase words joined by hyphens)`,
      });
      continue;
    }
    const track: TrackEntry = { dir: rel(root, abs), folder: name, ...parsed };
    tree.tracks.push(track);
    const trackYaml = path.join(abs, 'track.yaml');
    if (existsSync(trackYaml)) {
      track.yaml = parseYamlSource(readFileSync(trackYaml, 'utf8'));
      pushYamlErrors(problems, `${track.dir}/track.yaml`, track.yaml);
    } else {
      problems.push({
        code: 'MISSING_FILE',
        severity: 'error',
        file: track.dir,
        message: 'the track has no track.yaml',
        fix: `create ${track.dir}/track.yaml with "title:" and "summary:"`,
      });
    }
    for (const file of readdirSync(abs).sort()) {
      if (ignored(file) || !/\.mdx?$/.test(file)) continue;
      const lessonPath = `${track.dir}/${file}`;
      const numbered = file.endsWith('.mdx') ? parseNumberedName(file) : undefined;
      if (!numbered) {
        problems.push({
          code: 'BAD_LESSON_NAME',
          severity: 'error',
          file: lessonPath,
          message: `lesson file "${file}" is not named NN-slug.mdx, so the site ignores it`,
          fix: `rename it like "01-${slugify(file.replace(/\.mdx?$/, ''))}.mdx", or start the name with "_" if it is not a lesson`,
        });
        continue;
      }
      tree.lessons.push(
        readLesson(problems, track, lessonPath, readFileSync(path.join(abs, file), 'utf8'), numbered),
      );
    }
  }

  // Not findExercises(): the linter must see badly named folders too, to report them.
  const trackByFolder = new Map(tree.tracks.map((track) => [track.folder, track]));
  for (const trackFolder of isDir(exercisesDir) ? readdirSync(exercisesDir).sort() : []) {
    const trackAbs = path.join(exercisesDir, trackFolder);
    if (ignored(trackFolder) || !isDir(trackAbs)) continue;
    const track = trackByFolder.get(trackFolder);
    if (!track) {
      problems.push({
        code: 'EXERCISE_TRACK_MISSING',
        severity: 'error',
        file: rel(root, trackAbs),
        message: `there is no track content/${trackFolder}/ for these exercises`,
        fix: `name the folder after a track (${[...trackByFolder.keys()].join(', ') || 'none yet'}) or create the track with npm run new -- track ${trackFolder}`,
      });
    }
    for (const name of readdirSync(trackAbs).sort()) {
      const abs = path.join(trackAbs, name);
      if (ignored(name) || !isDir(abs)) continue;
      const parsed = parseNumberedName(name);
      if (!parsed) {
        problems.push({
          code: 'BAD_EXERCISE_NAME',
          severity: 'error',
          file: rel(root, abs),
          message: `exercise folder "${name}" is not named NN-slug, so the site ignores it`,
          fix: `rename it like "01-${slugify(name)}"`,
        });
        continue;
      }
      tree.exercises.push(readExercise(root, problems, abs, trackFolder, track, parsed));
    }
  }
  return { tree, problems };
}

function readLesson(
  problems: LintProblem[],
  track: TrackEntry,
  file: string,
  text: string,
  numbered: { order: number; slug: string },
): LessonEntry {
  const split = splitFrontmatter(text);
  const lesson: LessonEntry = {
    file,
    track,
    ...numbered,
    text,
    body: split?.body ?? text,
    bodyLine: split?.bodyLine ?? 1,
  };
  if (!split) {
    problems.push({
      code: 'FRONTMATTER_MISSING',
      severity: 'error',
      file,
      line: 1,
      message: 'the lesson has no frontmatter',
      fix: 'start the file with a "---" block holding title, summary, objectives and estimatedMinutes (see AUTHORING.md)',
    });
    return lesson;
  }
  lesson.frontmatter = parseYamlSource(split.frontmatter, 1);
  pushYamlErrors(problems, file, lesson.frontmatter);
  return lesson;
}

function readExercise(
  root: string,
  problems: LintProblem[],
  abs: string,
  trackFolder: string,
  track: TrackEntry | undefined,
  numbered: { order: number; slug: string },
): ExerciseEntry {
  const dir = rel(root, abs);
  const exercise: ExerciseEntry = { dir, trackFolder, track, ...numbered, tests: [] };
  const missing = (name: string, fix: string) =>
    problems.push({
      code: 'MISSING_FILE',
      severity: 'error',
      file: `${dir}/${name}`,
      message: name.endsWith('/') ? 'this folder is missing' : 'this file is missing',
      fix,
    });
  const read = (name: string): SourceFile | undefined => {
    const file = path.join(abs, name);
    return existsSync(file) ? { file: `${dir}/${name}`, text: readFileSync(file, 'utf8') } : undefined;
  };

  const yaml = read('exercise.yaml');
  if (yaml) {
    exercise.yaml = parseYamlSource(yaml.text);
    pushYamlErrors(problems, yaml.file, exercise.yaml);
  } else
    missing(
      'exercise.yaml',
      'create it with title, lesson, difficulty, estimatedMinutes and tasks (npm run new -- exercise scaffolds one)',
    );

  exercise.instructions = read('instructions.md');
  if (!exercise.instructions) missing('instructions.md', 'create it with one "## 1. …" heading per task');
  exercise.hints = read('hints.md');
  if (!exercise.hints) missing('hints.md', 'create it with one "## 1. …" heading per task');

  const testsDir = path.join(abs, 'tests');
  if (isDir(testsDir)) {
    for (const name of readdirSync(testsDir).sort()) {
      if (name.endsWith('.test.js')) exercise.tests.push(read(`tests/${name}`)!);
    }
  }
  if (exercise.tests.length === 0)
    missing('tests/', "add tests/<name>.test.js with a describe('1. …') block per task");

  for (const side of ['starter', 'solution'] as const) {
    const sideDir = path.join(abs, side);
    if (isDir(sideDir)) exercise[side === 'starter' ? 'starterFiles' : 'solutionFiles'] = listFiles(sideDir);
    else missing(`${side}/`, 'create the folder with the editable files (app.js)');
  }
  return exercise;
}

function pushYamlErrors(problems: LintProblem[], file: string, source: YamlSource) {
  for (const error of source.errors) {
    problems.push({
      code: 'YAML_SYNTAX',
      severity: 'error',
      file,
      line: error.line,
      message: `the YAML cannot be read: ${error.message}`,
      fix: 'fix the syntax (indent with spaces, quote values that contain ": " or start with a special character)',
    });
  }
}

function slugify(name: string): string {
  return (
    name
      .replace(/^\d+[-_ ]*/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'name'
  );
}
