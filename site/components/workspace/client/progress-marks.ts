/**
 * Marks links on lesson and track pages with the learner's progress: lessons and exercises "done" or
 * "in progress", tracks "n of m exercises done". Kept tiny on purpose: these pages otherwise ship
 * almost no JavaScript. Reads the same IndexedDB key the workspace writes.
 */
import { get } from 'idb-keyval';

type Status = 'done' | 'in-progress';
interface Outline {
  lessons: Array<[url: string, exercise: string]>;
  tracks: Array<[url: string, exercises: string[]]>;
}

function addMark(link: Element, status: Status, text: string): void {
  if (link.querySelector('.progress-mark') || link.nextElementSibling?.classList.contains('progress-mark'))
    return;
  const mark = document.createElement('span');
  mark.className = 'progress-mark';
  mark.dataset.progress = status;
  mark.textContent = text;
  link.after(' ', mark);
}

const sameTarget = (href: string | null, url: string) =>
  !!href && href.replace(/\/?$/, '/') === url.replace(/\/?$/, '/');

export async function markProgressLinks(): Promise<void> {
  const outline = JSON.parse(
    document.querySelector('[data-progress-outline]')?.textContent ?? '{}',
  ) as Partial<Outline>;
  let progress: Record<string, { status: Status }> | undefined;
  try {
    progress = await get('progress');
  } catch {
    return; // No storage here (private mode): there is no progress to show either.
  }
  if (!progress) return;
  const links = [...document.querySelectorAll('main a[href]')];
  const label = (status: Status) => (status === 'done' ? '✓ done' : 'in progress');
  for (const [url, exercise] of outline.lessons ?? []) {
    const status = progress[exercise]?.status;
    if (!status) continue;
    for (const link of links) {
      const href = link.getAttribute('href');
      if (sameTarget(href, url) || sameTarget(href, `/exercises/${exercise}/`))
        addMark(link, status, label(status));
    }
  }
  for (const [url, exercises] of outline.tracks ?? []) {
    const done = exercises.filter((e) => progress[e]?.status === 'done').length;
    const started = exercises.some((e) => progress[e]);
    if (!started || !exercises.length) continue;
    for (const link of links) {
      if (sameTarget(link.getAttribute('href'), url)) {
        addMark(
          link,
          done === exercises.length ? 'done' : 'in-progress',
          `${done} of ${exercises.length} exercises done`,
        );
      }
    }
  }
  // The track page itself: its heading gets the same summary.
  const here = (outline.tracks ?? []).find(([url]) => sameTarget(location.pathname, url));
  const heading = document.querySelector('main h1');
  if (here && heading && here[1].some((e) => progress[e])) {
    const done = here[1].filter((e) => progress[e]?.status === 'done').length;
    addMark(
      heading,
      done === here[1].length ? 'done' : 'in-progress',
      `${done} of ${here[1].length} exercises done`,
    );
  }
}
