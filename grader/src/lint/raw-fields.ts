/**
 * Defensive readers for fields the other rules need. They read the raw YAML value, not the validated
 * one, so a file with one schema mistake is still checked by every other rule.
 */
import type { ExerciseEntry, LessonEntry } from './content-tree.ts';

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

export function lessonExercise(lesson: LessonEntry): string | undefined {
  const value = record(lesson.frontmatter?.value).exercise;
  return typeof value === 'string' ? value : undefined;
}

export function lessonDraft(lesson: LessonEntry): boolean {
  return record(lesson.frontmatter?.value).draft === true;
}

export function exerciseLesson(exercise: ExerciseEntry): string | undefined {
  const value = record(exercise.yaml?.value).lesson;
  return typeof value === 'string' ? value : undefined;
}

export interface RawTask {
  id: string;
  title: string;
  /** Index in the tasks list, for line lookups. */
  index: number;
}

export function exerciseTasks(exercise: ExerciseEntry): RawTask[] {
  const tasks = record(exercise.yaml?.value).tasks;
  if (!Array.isArray(tasks)) return [];
  return tasks.flatMap((task, index) => {
    const { id, title } = record(task);
    if (id === undefined || id === null) return [];
    return [{ id: String(id), title: typeof title === 'string' ? title : '', index }];
  });
}

export function exerciseEditable(exercise: ExerciseEntry): string[] {
  const editable = record(record(exercise.yaml?.value).files).editable;
  if (editable === undefined) return ['app.js'];
  return Array.isArray(editable) ? editable.filter((file): file is string => typeof file === 'string') : [];
}
