/** `npm run new -- lesson <track> <slug>`: a lesson numbered after the last one in its track. */
import { findTrack, nextOrder, readTree } from './find-track.ts';
import { checkSlug, pad, titleFromSlug } from './names.ts';
import { renderTemplate } from './render-template.ts';
import { ScaffoldError } from './scaffold-error.ts';
import type { ScaffoldResult } from './scaffold-result.ts';

const USAGE = 'npm run new -- lesson <track> <lesson-slug> [--title "Title"]';

export function scaffoldLesson(
  root: string,
  trackName: string | undefined,
  slugArg: string | undefined,
  options: { title?: string } = {},
): ScaffoldResult {
  const tree = readTree(root);
  const track = findTrack(tree, trackName, USAGE);
  const slug = checkSlug(slugArg, 'lesson', USAGE);
  const taken = tree.lessons.find((lesson) => lesson.slug === slug);
  if (taken) {
    throw new ScaffoldError(
      'SLUG_TAKEN',
      `lesson slug "${slug}" is already used by ${taken.file}; lesson slugs are unique across all tracks. Choose another slug.`,
    );
  }
  const order = nextOrder(
    tree.lessons.filter((lesson) => lesson.track === track).map((lesson) => lesson.order),
  );
  const file = `${track.dir}/${pad(order)}-${slug}.mdx`;
  const title = options.title ?? titleFromSlug(slug);
  renderTemplate('lesson.mdx', root, file, { title: yamlText(title), slug });
  const url = `/learn/${track.slug}/${slug}/`;
  return {
    summary: `Created lesson "${title}" at ${file} (page ${url}).`,
    changed: [],
    edit: [
      { file, what: 'title, summary, objectives and estimatedMinutes in the frontmatter, then the body' },
    ],
    next: [
      { command: 'npm run dev', why: `preview it at http://localhost:4321${url} (reloads as you save)` },
      { command: 'npm run lint:content', why: 'check frontmatter, links and names' },
      {
        command: `npm run new -- exercise ${track.folder} <exercise-slug>`,
        why: 'add its exercise (linked to this lesson)',
      },
    ],
  };
}

/** Quotes a title for YAML only when it needs it (a colon, a leading special character). */
export function yamlText(text: string): string {
  return /[:#]|^[\s'"&*!|>%@`[{-]/.test(text) ? JSON.stringify(text) : text;
}
