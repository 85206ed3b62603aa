/**
 * Per-exercise progress, kept under one IndexedDB key so lesson and track pages can mark themselves
 * with a single read. An exercise is "done" once a check passed, "in-progress" once the learner
 * edited or checked it. Export and import use the same JSON shape (see progress page).
 */
import { get, set, update } from 'idb-keyval';
import { StorageError } from './workspace-store.ts';

export const PROGRESS_KEY = 'progress';

export type ProgressStatus = 'in-progress' | 'done';

export interface ExerciseProgress {
  status: ProgressStatus;
  /** Task ids that passed in the latest check. */
  tasksPassed: string[];
  tasksTotal: number;
  checks: number;
  updatedAt: number;
  completedAt?: number;
}

export type ProgressMap = Record<string, ExerciseProgress>;

export async function readProgress(): Promise<ProgressMap> {
  try {
    return (await get<ProgressMap>(PROGRESS_KEY)) ?? {};
  } catch (error) {
    throw new StorageError('read', error);
  }
}

async function change(
  slug: string,
  apply: (previous: ExerciseProgress | undefined) => ExerciseProgress,
): Promise<void> {
  try {
    await update<ProgressMap>(PROGRESS_KEY, (map = {}) => ({ ...map, [slug]: apply(map[slug]) }));
  } catch (error) {
    throw new StorageError('saved', error);
  }
}

/** The learner touched the exercise; never downgrades "done". */
export function markStarted(slug: string, tasksTotal: number): Promise<void> {
  return change(
    slug,
    (previous) =>
      previous ?? { status: 'in-progress', tasksPassed: [], tasksTotal, checks: 0, updatedAt: Date.now() },
  );
}

/** Records a check's outcome; a passing check makes the exercise done for good. */
export function recordCheck(
  slug: string,
  tasksPassed: string[],
  tasksTotal: number,
  passed: boolean,
): Promise<void> {
  return change(slug, (previous) => {
    const now = Date.now();
    const done = passed || previous?.status === 'done';
    return {
      status: done ? 'done' : 'in-progress',
      tasksPassed,
      tasksTotal,
      checks: (previous?.checks ?? 0) + 1,
      updatedAt: now,
      completedAt: previous?.completedAt ?? (passed ? now : undefined),
    };
  });
}

export interface ProgressExport {
  app: 'backend-kitchen';
  kind: 'progress';
  version: 1;
  exportedAt: string;
  progress: ProgressMap;
  workspaces: Record<string, unknown>;
}

/** Checks an imported file's shape, saying what is wrong with it. */
export function parseProgressExport(text: string): ProgressExport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `That file is not JSON (${(error as Error).message}). Choose a file exported from this page.`,
    );
  }
  const value = data as Partial<ProgressExport>;
  if (!value || value.app !== 'backend-kitchen' || value.kind !== 'progress') {
    throw new Error(
      'That file is not a Backend Kitchen progress export: it lacks "app": "backend-kitchen" and "kind": "progress".',
    );
  }
  if (value.version !== 1)
    throw new Error(`That export has version ${String(value.version)}; this site reads version 1.`);
  if (!value.progress || typeof value.progress !== 'object')
    throw new Error('That export has no "progress" object.');
  for (const [slug, entry] of Object.entries(value.progress)) {
    if (!entry || (entry.status !== 'done' && entry.status !== 'in-progress')) {
      throw new Error(
        `Exercise "${slug}" in that export has status ${JSON.stringify(entry?.status)}; expected "done" or "in-progress".`,
      );
    }
  }
  return { ...value, workspaces: value.workspaces ?? {} } as ProgressExport;
}

/** Merges imported progress into what is stored: "done" wins, then the newer entry. */
export function mergeProgress(current: ProgressMap, incoming: ProgressMap): ProgressMap {
  const merged: ProgressMap = { ...current };
  for (const [slug, entry] of Object.entries(incoming)) {
    const mine = merged[slug];
    if (!mine) merged[slug] = entry;
    else if (entry.status === 'done' && mine.status !== 'done') merged[slug] = entry;
    else if (entry.status === mine.status && entry.updatedAt > mine.updatedAt) merged[slug] = entry;
  }
  return merged;
}

export async function writeProgress(map: ProgressMap): Promise<void> {
  try {
    await set(PROGRESS_KEY, map);
  } catch (error) {
    throw new StorageError('saved', error);
  }
}
