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
