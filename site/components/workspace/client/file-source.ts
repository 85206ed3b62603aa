/**
 * Which files the workspace opens with: the learner's saved files, the starter, or (author preview in
 * `npm run dev` only) the reference solution. Pure, so the choice is unit-tested without a browser.
 */
import type { FileMap } from '../../../runtime/index.ts';

export interface FileSourceInput {
  starter: FileMap;
  solution: FileMap;
  /** What IndexedDB holds for this exercise (files may be empty: nothing saved yet). */
  saved: { files: FileMap; starterHash?: string } | undefined;
  /** The page's query string, e.g. "?files=solution&runtime=local". */
  search: string;
  /** import.meta.env.DEV: the preview parameter only works on the dev server. */
  dev: boolean;
}

export interface FileSource {
  source: 'saved' | 'starter' | 'solution-preview';
  files: FileMap;
  /** Fingerprint of the starter these files came from; saved with them. */
  starterHash: string;
  /** The starter changed since the learner's saved files were made from it (their edits still win). */
  starterChanged: boolean;
}

/** A short fingerprint of a set of files (FNV-1a over paths and contents, in path order). */
export function filesHash(files: FileMap): string {
  let hash = 0x811c9dc5;
  for (const path of Object.keys(files).sort()) {
    for (const text of [path, files[path]!]) {
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
      hash = Math.imul(hash ^ 0, 0x01000193);
    }
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function isSolutionPreview(search: string, dev: boolean): boolean {
  return dev && new URLSearchParams(search).get('files') === 'solution';
}

export function chooseFiles(input: FileSourceInput): FileSource {
  const starterHash = filesHash(input.starter);
  if (isSolutionPreview(input.search, input.dev)) {
    // Starter files the solution does not replace (a schema, a seed file) stay, as with "Use the solution".
    return {
      source: 'solution-preview',
      files: { ...input.starter, ...input.solution },
      starterHash,
      starterChanged: false,
    };
  }
  const saved = input.saved;
  if (!saved || !Object.keys(saved.files).length) {
    return { source: 'starter', files: { ...input.starter }, starterHash, starterChanged: false };
  }
  // Saves from before the fingerprint existed: assume they match the starter of today.
  if (!saved.starterHash || saved.starterHash === starterHash) {
    return { source: 'saved', files: saved.files, starterHash, starterChanged: false };
  }
  // The starter changed. Files nobody edited are just the old starter: take the new one.
  if (filesHash(saved.files) === saved.starterHash) {
    return { source: 'starter', files: { ...input.starter }, starterHash, starterChanged: false };
  }
  // Edited files always win; the old fingerprint stays so the notice shows until a Reset.
  return { source: 'saved', files: saved.files, starterHash: saved.starterHash, starterChanged: true };
}
