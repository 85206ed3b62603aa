/** `npm run new -- track <NN-slug | slug>`: a track folder with its track.yaml. */
import { parseNumberedName } from '../schemas.ts';
import { nextOrder, readTree } from './find-track.ts';
import { checkSlug, pad, titleFromSlug } from './names.ts';
import { renderTemplate } from './render-template.ts';
import { ScaffoldError } from './scaffold-error.ts';
import type { ScaffoldResult } from './scaffold-result.ts';
import { yamlText } from './scaffold-lesson.ts';

const USAGE = 'npm run new -- track <NN-track-slug | track-slug> [--title "Title"]';

export function scaffoldTrack(
  root: string,
  name: string | undefined,
  options: { title?: string } = {},
): ScaffoldResult {
  if (!name) throw new ScaffoldError('USAGE', `no track name given. Usage: ${USAGE}`);
  const tree = readTree(root);
  const numbered = parseNumberedName(name);
  const slug = numbered ? numbered.slug : checkSlug(name, 'track', USAGE);
  const order = numbered
    ? numbered.order
    : tree.tracks.length === 0
      ? 0
      : nextOrder(tree.tracks.map((track) => track.order));
  const sameSlug = tree.tracks.find((track) => track.slug === slug);
  if (sameSlug)
    throw new ScaffoldError(
      'SLUG_TAKEN',
      `track slug "${slug}" is already used by ${sameSlug.dir}. Choose another slug.`,
    );
  const sameOrder = tree.tracks.find((track) => track.order === order);
  if (sameOrder) {
    const free = pad(nextOrder(tree.tracks.map((track) => track.order)));
    throw new ScaffoldError(
      'SLUG_TAKEN',
      `number ${pad(order)} is already used by ${sameOrder.dir}. Use ${free}-${slug}, or leave the number out.`,
    );
  }
  const folder = `${pad(order)}-${slug}`;
  const title = options.title ?? titleFromSlug(slug);
  renderTemplate('track.yaml', root, `content/${folder}/track.yaml`, { title: yamlText(title) });
  return {
    summary: `Created track "${title}" at content/${folder}/ (page /learn/${slug}/).`,
    changed: [],
    edit: [{ file: `content/${folder}/track.yaml`, what: 'title and summary' }],
    next: [
      { command: `npm run new -- lesson ${folder} <lesson-slug>`, why: 'add its first lesson' },
      { command: 'npm run lint:content', why: 'check it' },
    ],
  };
}
