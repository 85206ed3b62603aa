/** Finds a track by its folder name ("00-how-the-back-end-works") or its slug ("how-the-back-end-works"). */
import { readContentTree, type ContentTree, type TrackEntry } from '../lint/content-tree.ts';
import { ScaffoldError } from './scaffold-error.ts';

export function readTree(root: string): ContentTree {
  return readContentTree(root).tree;
}

export function findTrack(tree: ContentTree, name: string | undefined, usage: string): TrackEntry {
  const list = tree.tracks.map((track) => track.folder).join(', ') || 'none yet';
  if (!name) throw new ScaffoldError('USAGE', `no track given. Usage: ${usage} (tracks: ${list})`);
  const track = tree.tracks.find((entry) => entry.folder === name || entry.slug === name);
  if (!track) {
    throw new ScaffoldError(
      'TRACK_NOT_FOUND',
      `there is no track "${name}" in content/ (tracks: ${list}). Use a track folder name or slug, or create it first: npm run new -- track ${name}`,
    );
  }
  return track;
}

/** The number after the highest one in use, so a new item goes last. */
export function nextOrder(orders: number[]): number {
  return orders.length === 0 ? 1 : Math.max(...orders) + 1;
}
