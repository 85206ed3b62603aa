/**
 * `npm run new -- exercise <track> <slug> [--lesson <lesson-slug>]`: an exercise numbered after the
 * last one in its track, with one task, one example test, a starter that fails it and a solution that
 * passes it. It belongs to a lesson (exercise.yaml needs one): the given one, or else the track's last
 * lesson if that has no exercise yet; the lesson's frontmatter then gets `exercise: <slug>` so the two link.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ContentTree, LessonEntry, TrackEntry } from '../lint/content-tree.ts';
import { exerciseLesson, lessonExercise } from '../lint/raw-fields.ts';
import { findTrack, nextOrder, readTree } from './find-track.ts';
import { checkSlug, pad, titleFromSlug } from './names.ts';
import { renderTemplate } from './render-template.ts';
import { ScaffoldError } from './scaffold-error.ts';
import { yamlText } from './scaffold-lesson.ts';
import type { ScaffoldResult } from './scaffold-result.ts';

const USAGE = 'npm run new -- exercise <track> <exercise-slug> [--lesson <lesson-slug>] [--title "Title"]';

export function scaffoldExercise(
  root: string,
  trackName: string | undefined,
  slugArg: string | undefined,
  options: { lesson?: string; title?: string } = {},
): ScaffoldResult {
  const tree = readTree(root);
  const track = findTrack(tree, trackName, USAGE);
  const slug = checkSlug(slugArg, 'exercise', USAGE);
  const taken = tree.exercises.find((exercise) => exercise.slug === slug);
  if (taken) {
    throw new ScaffoldError(
      'SLUG_TAKEN',
      `exercise slug "${slug}" is already used by ${taken.dir}; exercise slugs are unique across all tracks. Choose another slug.`,
    );
  }
  const lesson = chooseLesson(tree, track, options.lesson);
  const order = nextOrder(
    tree.exercises
      .filter((exercise) => exercise.trackFolder === track.folder)
      .map((exercise) => exercise.order),
  );
  const dir = `exercises/${track.folder}/${pad(order)}-${slug}`;
  const title = options.title ?? titleFromSlug(slug);
  renderTemplate('exercise', root, dir, { title: yamlText(title), slug, lesson: lesson.slug });

  const changed: ScaffoldResult['changed'] = [];
  if (lessonExercise(lesson) === undefined) {
    linkLesson(path.join(root, lesson.file), slug);
    changed.push({ file: lesson.file, what: `added "exercise: ${slug}" to the frontmatter` });
  }
  return {
    summary: `Created exercise "${title}" at ${dir}/ (page /exercises/${slug}/), for lesson "${lesson.slug}".`,
    changed,
    edit: [
      { file: `${dir}/exercise.yaml`, what: 'title, difficulty, estimatedMinutes; one entry per task' },
      { file: `${dir}/instructions.md`, what: 'one "## N. Task title" section per task' },
      { file: `${dir}/hints.md`, what: 'one "## N. Task title" section per task: nudges, never the answer' },
      { file: `${dir}/tests/${slug}.test.js`, what: "one describe('N. Task title') block per task" },
      { file: `${dir}/starter/app.js`, what: 'what the learner starts from: must fail every task' },
      { file: `${dir}/solution/app.js`, what: 'the reference app: must pass every test' },
    ],
    next: [
      { command: `npm run verify -- ${dir}`, why: 'prove the tests pass on solution/ and fail on starter/' },
      { command: 'npm run lint:content', why: 'check tasks, headings, hints, tests and names agree' },
      {
        command: 'npm run dev',
        why: `try it at http://localhost:4321/exercises/${slug}/ (add ?files=solution to load the solution)`,
      },
    ],
  };
}

function chooseLesson(tree: ContentTree, track: TrackEntry, wanted: string | undefined): LessonEntry {
  const claimed = new Set(tree.exercises.map(exerciseLesson));
  if (wanted) {
    const lesson = tree.lessons.find((entry) => entry.slug === wanted);
    if (!lesson) {
      throw new ScaffoldError(
        'NO_LESSON',
        `there is no lesson "${wanted}" (lessons in ${track.folder}: ${
          lessonsOf(tree, track)
            .map((l) => l.slug)
            .join(', ') || 'none'
        }).`,
      );
    }
    const existing = lessonExercise(lesson);
    if (existing) {
      throw new ScaffoldError(
        'LESSON_HAS_EXERCISE',
        `lesson "${wanted}" already has exercise "${existing}" (${lesson.file}). A lesson has one exercise: pick another lesson, or create one with npm run new -- lesson ${track.folder} <slug>.`,
      );
    }
    return lesson;
  }
  // Without --lesson, only the track's last lesson is a safe guess: that is the one an author who just
  // ran `npm run new -- lesson` is working on. Anything else could attach the exercise to the wrong page.
  const lessons = lessonsOf(tree, track);
  const last = lessons.at(-1);
  if (!last || lessonExercise(last) !== undefined || claimed.has(last.slug)) {
    const free = lessons
      .filter((lesson) => lessonExercise(lesson) === undefined && !claimed.has(lesson.slug))
      .map((lesson) => lesson.slug);
    throw new ScaffoldError(
      'NO_LESSON',
      `an exercise belongs to a lesson, and the last lesson of ${track.folder}${last ? ` ("${last.slug}") already has one` : ' does not exist'}. ` +
        `Create the lesson first (npm run new -- lesson ${track.folder} <lesson-slug>), or pass --lesson <lesson-slug>` +
        (free.length > 0 ? ` (lessons without an exercise: ${free.join(', ')}).` : '.'),
    );
  }
  return last;
}

const lessonsOf = (tree: ContentTree, track: TrackEntry) =>
  tree.lessons.filter((lesson) => lesson.track === track).sort((a, b) => a.order - b.order);

/** Adds `exercise: <slug>` as the last frontmatter line, leaving the author's formatting alone. */
function linkLesson(file: string, slug: string) {
  const text = readFileSync(file, 'utf8');
  const updated = text.replace(
    /^(---\r?\n[\s\S]*?\r?\n)(---\r?\n)/,
    (_whole, fields: string, close: string) => `${fields}exercise: ${slug}\n${close}`,
  );
  writeFileSync(file, updated);
}
