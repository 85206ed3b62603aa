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

/** "3 of 6 exercises in How the back end works done" (this exercise counts as done). */
export function trackStanding(data: NextStepsData, progress: ProgressMap, slug: string): string {
  const { exercises, title } = data.track;
  const done = exercises.filter((s) => s === slug || progress[s]?.status === 'done').length;
  if (done === exercises.length)
    return `All ${exercises.length} exercise${exercises.length === 1 ? '' : 's'} in ${title} done.`;
  return `${done} of ${exercises.length} exercises in ${title} done.`;
}

export function nextStepsElement(data: NextStepsData, progress: ProgressMap, slug: string): HTMLElement {
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
      trackStanding(data, progress, slug),
      ' ',
      h('a', { href: data.track.url }, 'The track'),
    ),
    h('ul', { class: 'ws-next-links' }, ...links),
  );
}
