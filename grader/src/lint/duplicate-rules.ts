/**
 * Rule family "duplicates": URLs are built from slugs, and order from the NN- prefixes, so two lessons
 * (or exercises, or tracks) must never share a slug, and two items of one track never share a number.
 */
import type { ContentTree } from './content-tree.ts';
import type { LintProblem } from './problem.ts';

interface Item {
  file: string;
  order: number;
  slug: string;
  group: string;
}

export function checkDuplicates(tree: ContentTree): LintProblem[] {
  const tracks = tree.tracks.map((track) => ({
    file: track.dir,
    order: track.order,
    slug: track.slug,
    group: 'content',
  }));
  const lessons = tree.lessons.map((lesson) => ({
    file: lesson.file,
    order: lesson.order,
    slug: lesson.slug,
    group: lesson.track.dir,
  }));
  const exercises = tree.exercises.map((exercise) => ({
    file: exercise.dir,
    order: exercise.order,
    slug: exercise.slug,
    group: `exercises/${exercise.trackFolder}`,
  }));
  return [
    ...duplicates(tracks, 'track', 'tracks', '/learn/<slug>/'),
    ...duplicates(lessons, 'lesson', 'lessons', '/learn/<track>/<slug>/'),
    ...duplicates(exercises, 'exercise', 'exercises', '/exercises/<slug>/'),
  ];
}

function duplicates(items: Item[], kind: string, kinds: string, url: string): LintProblem[] {
  const problems: LintProblem[] = [];
  const firstBySlug = new Map<string, Item>();
  const firstByOrder = new Map<string, Item>();
  for (const item of items) {
    const sameSlug = firstBySlug.get(item.slug);
    if (sameSlug) {
      problems.push({
        code: 'DUPLICATE_SLUG',
        severity: 'error',
        file: item.file,
        message: `${kind} slug "${item.slug}" is also used by ${sameSlug.file}; ${kinds} share one URL space (${url})`,
        fix: `give one of them another slug (rename the ${kind === 'lesson' ? 'file' : 'folder'} and update references to it)`,
      });
    } else firstBySlug.set(item.slug, item);
    const orderKey = `${item.group}\0${item.order}`;
    const sameOrder = firstByOrder.get(orderKey);
    if (sameOrder) {
      problems.push({
        code: 'DUPLICATE_ORDER',
        severity: 'error',
        file: item.file,
        message: `number ${String(item.order).padStart(2, '0')} is also used by ${sameOrder.file}, so their order is undefined`,
        fix: `renumber one of them (the next free number in ${item.group}/ is ${String(nextFree(items, item.group)).padStart(2, '0')})`,
      });
    } else firstByOrder.set(orderKey, item);
  }
  return problems;
}

function nextFree(items: Item[], group: string): number {
  return Math.max(...items.filter((item) => item.group === group).map((item) => item.order)) + 1;
}
