/**
 * The learner's own versions of an exercise, kept in IndexedDB beside the workspace: one at every
 * Check and one before each replace (Reset, "Use the solution", a restore), the newest ten. The
 * starter and the reference solution are never kept, so neither can push the learner's code out.
 * "Restore previous version" brings back what the latest replace replaced (unless that was the
 * solution); the Versions list goes back to any of them.
 */
import { get, set } from 'idb-keyval';
import {
  forgetPreviousVersion,
  loadPreviousVersion,
  StorageError,
} from '../../../lib/progress/workspace-store.ts';
import type { FileMap } from '../../../runtime/index.ts';

export const MAX_VERSIONS = 10;

export interface Version {
  id: string;
  savedAt: number;
  /** What happened to it, for the list: "checked: 3 of 4 pass", "before Reset". */
  label: string;
  files: FileMap;
}

export interface VersionHistory {
  /** Newest first, at most MAX_VERSIONS, each with different files. */
  versions: Version[];
  /** What "Restore previous version" brings back, until it is used. */
  previous?: Version;
}

/** The exercise's own files, against which a version is "the learner's own" or not. */
export interface ExerciseFiles {
  starter: FileMap;
  solution: FileMap;
  editable: string[];
}

export function sameFiles(a: FileMap, b: FileMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
}

/** The starter, untouched. */
export function isStarter(files: FileMap, exercise: ExerciseFiles): boolean {
  return sameFiles(files, exercise.starter);
}

/** The reference solution in every editable file it has, and no file the exercise does not have. */
export function isSolution(files: FileMap, exercise: ExerciseFiles): boolean {
  const solutionPaths = exercise.editable.filter((path) => path in exercise.solution);
  const known = new Set([...Object.keys(exercise.starter), ...Object.keys(exercise.solution)]);
  return (
    solutionPaths.length > 0 &&
    solutionPaths.every((path) => files[path] === exercise.solution[path]) &&
    Object.keys(files).every((path) => known.has(path))
  );
}

/**
 * Adds `version` as the newest. A version with the same files as an earlier one replaces it (a
 * Check's label wins over "before …", which says less); the oldest beyond MAX_VERSIONS go.
 */
export function addVersion(history: VersionHistory, version: Version): VersionHistory {
  const same = history.versions.find((v) => sameFiles(v.files, version.files));
  const label =
    same && !version.label.startsWith('checked') && same.label.startsWith('checked')
      ? same.label
      : version.label;
  return {
    ...history,
    versions: [{ ...version, label }, ...history.versions.filter((v) => v !== same)].slice(0, MAX_VERSIONS),
  };
}

/** "checked: 3 of 4 pass", "checked: all 4 pass", "checked: the tests could not run". */
export function checkLabel(status: 'pass' | 'fail' | 'error', passed: number, total: number): string {
  if (status === 'error') return 'checked: the tests could not run';
  if (status === 'pass') return `checked: all ${total} pass`;
  return `checked: ${passed} of ${total} pass`;
}

/** "14:03" today, "Mon 14:03" this week, "29 Nov, 14:03" before that (in the learner's locale). */
export function versionTime(savedAt: number, now = Date.now()): string {
  const date = new Date(savedAt);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (new Date(now).toDateString() === date.toDateString()) return time;
  if (now - savedAt < 6 * 24 * 60 * 60 * 1000)
    return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  return `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}, ${time}`;
}

const historyKey = (slug: string) => `workspace-versions:${slug}`;

/** Reads the history; the single "previous version" an earlier release kept joins it once. */
export async function loadHistory(slug: string): Promise<VersionHistory> {
  let history: VersionHistory;
  try {
    history = (await get<VersionHistory>(historyKey(slug))) ?? { versions: [] };
  } catch (error) {
    throw new StorageError('read', error);
  }
  const old = await loadPreviousVersion(slug);
  if (!old) return history;
  const version: Version = {
    id: `v${old.savedAt}`,
    savedAt: old.savedAt,
    label: 'before Reset',
    files: old.files,
  };
  history = { ...addVersion(history, version), previous: history.previous ?? version };
  await saveHistory(slug, history);
  await forgetPreviousVersion(slug);
  return history;
}

export async function saveHistory(slug: string, history: VersionHistory): Promise<void> {
  try {
    await set(historyKey(slug), history);
  } catch (error) {
    throw new StorageError('saved', error);
  }
}
