/**
 * What the learner typed, kept in this browser's IndexedDB (idb-keyval): every exercise's files, the
 * open tab and cursor per file, revealed hints and recent requests, plus the version a Reset replaced
 * (restorable once). Failures are thrown with a message the workspace shows; they are never swallowed.
 */
import { del, get, set } from 'idb-keyval';

export interface CursorState {
  lineNumber: number;
  column: number;
  scrollTop?: number;
}

export interface SavedRequest {
  method: string;
  path: string;
  headers: string;
  body: string;
}

export interface WorkspaceState {
  exercise: string;
  files: Record<string, string>;
  openTabs: string[];
  activeFile: string;
  cursors: Record<string, CursorState>;
  /** Task id → how many of its hints are revealed. */
  hintsShown: Record<string, number>;
  recentRequests: SavedRequest[];
  savedAt: number;
  /** Fingerprint of the starter the files came from (filesHash), to notice a changed starter. */
  starterHash?: string;
}

export class StorageError extends Error {
  constructor(action: string, cause: unknown) {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(
      `Your work could not be ${action} in this browser's storage (${detail}). ` +
        'Private windows and full disks refuse storage: copy your code somewhere safe before leaving this page.',
      { cause },
    );
    this.name = 'StorageError';
  }
}

const workspaceKey = (slug: string) => `workspace:${slug}`;
const previousKey = (slug: string) => `workspace-previous:${slug}`;

async function guard<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StorageError(action, error);
  }
}

export function loadWorkspace(slug: string): Promise<WorkspaceState | undefined> {
  return guard('read', () => get<WorkspaceState>(workspaceKey(slug)));
}

export function saveWorkspace(state: WorkspaceState): Promise<void> {
  return guard('saved', () => set(workspaceKey(state.exercise), { ...state, savedAt: Date.now() }));
}

/** Keeps `state` as the version a Reset replaced; it can be restored once. */
export function savePreviousVersion(state: WorkspaceState): Promise<void> {
  return guard('saved', () => set(previousKey(state.exercise), state));
}

export function loadPreviousVersion(slug: string): Promise<WorkspaceState | undefined> {
  return guard('read', () => get<WorkspaceState>(previousKey(slug)));
}

export function forgetPreviousVersion(slug: string): Promise<void> {
  return guard('saved', () => del(previousKey(slug)));
}

/*
 * IndexedDB writes started while the page unloads may never commit, so on `pagehide` the workspace
 * also leaves a synchronous copy of unsaved files in localStorage; the next visit takes it when it is
 * newer than the IndexedDB copy, then clears it.
 */
const backupKey = (slug: string) => `kitchen:unsaved:${slug}`;

export interface UnsavedBackup {
  files: Record<string, string>;
  activeFile: string;
  savedAt: number;
}

export function writeUnsavedBackup(slug: string, backup: UnsavedBackup): void {
  try {
    localStorage.setItem(backupKey(slug), JSON.stringify(backup));
  } catch {
    // Nothing else can be done while the page unloads; IndexedDB may still have committed.
  }
}

export function takeUnsavedBackup(slug: string): UnsavedBackup | undefined {
  try {
    const text = localStorage.getItem(backupKey(slug));
    return text ? (JSON.parse(text) as UnsavedBackup) : undefined;
  } catch {
    return undefined;
  }
}

export function clearUnsavedBackup(slug: string): void {
  try {
    localStorage.removeItem(backupKey(slug));
  } catch {
    // Storage is unavailable: there is no backup to clear either.
  }
}
