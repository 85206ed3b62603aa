/**
 * Rule family "references": a lesson's `exercise` must name an existing exercise, an exercise's
 * `lesson` must name an existing lesson, and the two should point at each other (the lesson page shows
 * the exercise card only for its frontmatter `exercise`).
 */
import type { ContentTree, ExerciseEntry, LessonEntry } from './content-tree.ts';
import { slugSchema } from '../schemas.ts';
import type { LintProblem } from './problem.ts';
import { exerciseLesson, lessonExercise } from './raw-fields.ts';
import { didYouMean } from './text-position.ts';

export function checkReferences(tree: ContentTree): LintProblem[] {
  const problems: LintProblem[] = [];
  const lessons = new Map<string, LessonEntry>(tree.lessons.map((lesson) => [lesson.slug, lesson]));
  const exercises = new Map<string, ExerciseEntry>(
    tree.exercises.map((exercise) => [exercise.slug, exercise]),
  );

  for (const lesson of tree.lessons) {
    const slug = lessonExercise(lesson);
    if (slug === undefined || exercises.has(slug) || !isSlug(slug)) continue; // A malformed slug is the schema rule's to report.
    problems.push({
      code: 'LESSON_EXERCISE_MISSING',
      severity: 'error',
      file: lesson.file,
      line: lesson.frontmatter?.lineOf(['exercise']),
      message: `frontmatter "exercise: ${slug}" names an exercise that does not exist${didYouMean(slug, exercises.keys())}`,
      fix: `correct the slug, or create it with: npm run new -- exercise ${lesson.track.folder} ${slug}`,
    });
  }

  for (const exercise of tree.exercises) {
    const file = `${exercise.dir}/exercise.yaml`;
    const slug = exerciseLesson(exercise);
    if (slug === undefined || !isSlug(slug)) continue; // The schema rule reports a missing or malformed "lesson".
    const lesson = lessons.get(slug);
    if (!lesson) {
      problems.push({
        code: 'EXERCISE_LESSON_MISSING',
        severity: 'error',
        file,
        line: exercise.yaml?.lineOf(['lesson']),
        message: `"lesson: ${slug}" names a lesson that does not exist${didYouMean(slug, lessons.keys())}`,
        fix: `correct the slug, or create the lesson with: npm run new -- lesson ${exercise.trackFolder} ${slug}`,
      });
      continue;
    }
    const back = lessonExercise(lesson);
    if (back === exercise.slug) continue;
    problems.push(
      back === undefined
        ? {
            code: 'LESSON_EXERCISE_UNLINKED',
            severity: 'warning',
            file: lesson.file,
            line: 1,
            message: `exercise "${exercise.slug}" (${file}) belongs to this lesson, but the frontmatter has no "exercise" field, so the lesson page shows no link to it`,
            fix: `add "exercise: ${exercise.slug}" to the frontmatter`,
          }
        : {
            code: 'LESSON_EXERCISE_MISMATCH',
            severity: 'error',
            file,
            line: exercise.yaml?.lineOf(['lesson']),
            message: `"lesson: ${slug}" names a lesson whose frontmatter says "exercise: ${back}", not "${exercise.slug}"`,
            fix: `make them agree: set "exercise: ${exercise.slug}" in ${lesson.file}, or point "lesson:" at the right lesson`,
          },
    );
  }
  return problems;
}

const isSlug = (value: string) => slugSchema.safeParse(value).success;
