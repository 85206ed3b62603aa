/**
 * What comes after a passing Check: where the learner stands in the track ("3 of 6 exercises in
 * How the back end works done") and a link onwards, the next lesson in the course and, when that
 * lesson has no exercise, the next exercise too. The course order is decided at build time
 * (Workspace.astro reads it from site/lib/course.ts); the learner's progress comes from this browser.
 */
import type { ProgressMap } from '../../../lib/progress/progress-store.ts';
import { h } from './dom.ts';

export interface CourseLink {
  title: string;
  url: string;
}

export interface NextStepsData {
  /** The track of this exercise's lesson, with its exercises' slugs in course order. */
  track: CourseLink & { exercises: string[] };
  /** The lesson after this exercise's lesson; `track` is set when it opens the next track. */
  nextLesson?: CourseLink & { track?: string };
  /** The next exercise in course order, when the next lesson is not the way to it. */
  nextExercise?: CourseLink;
  /** The progress page, where everything done is listed. */
  progressUrl: string;
}

/** Reads the build-time data the workspace page carries; undefined on a page without it. */
export function readNextSteps(root: ParentNode = document): NextStepsData | undefined {
  const text = root.querySelector('[data-ws-next-steps]')?.textContent;
  return text ? (JSON.parse(text) as NextStepsData) : undefined;
}

/** How many of the track's exercises are done, this one included (it just passed). */
export function trackCounts(
  data: NextStepsData,
  progress: ProgressMap,
  slug: string,
): { done: number; total: number } {
  const { exercises } = data.track;
  const done = exercises.filter((s) => s === slug || progress[s]?.status === 'done').length;
  return { done, total: exercises.length };
}

export function nextStepsElement(data: NextStepsData, progress: ProgressMap, slug: string): HTMLElement {
  const { done, total } = trackCounts(data, progress, slug);
  const links: HTMLElement[] = [];
  if (data.nextLesson) {
    const where = data.nextLesson.track ? `Next track, ${data.nextLesson.track}: ` : 'Next lesson: ';
    links.push(
      h(
        'li',
        {},
        where,
        h('a', { href: data.nextLesson.url, 'data-next-lesson': '' }, data.nextLesson.title),
      ),
    );
  }
  if (data.nextExercise) {
    links.push(
      h(
        'li',
        {},
        'Next exercise: ',
        h('a', { href: data.nextExercise.url, 'data-next-exercise': '' }, data.nextExercise.title),
      ),
    );
  }
  if (!links.length) {
    links.push(
      h(
        'li',
        {},
        'That was the last lesson of the course. ',
        h('a', { href: data.progressUrl }, 'See everything you have done'),
      ),
    );
  }
  return h(
    'section',
    { class: 'ws-next', 'aria-label': 'What comes next', 'data-next-steps': '' },
    h(
      'p',
      { class: 'ws-next-standing' },
      done === total
        ? `All ${total} exercise${total === 1 ? '' : 's'} in `
        : `${done} of ${total} exercises in `,
      h('a', { href: data.track.url }, data.track.title),
      ' done.',
    ),
    h('ul', { class: 'ws-next-links' }, ...links),
  );
}
