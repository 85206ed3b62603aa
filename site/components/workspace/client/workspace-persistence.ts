/**
 * Keeps the learner's workspace in this browser: it restores the saved files (or a newer unsaved
 * backup written as the page was hidden) and saves every edit after a short pause. In the author
 * preview nothing is saved. Earlier versions of the learner's code live in version-history.ts.
 */
import {
  clearUnsavedBackup,
  loadWorkspace,
  saveWorkspace,
  takeUnsavedBackup,
  writeUnsavedBackup,
  type WorkspaceState,
} from '../../../lib/progress/workspace-store.ts';
import { markStarted } from '../../../lib/progress/progress-store.ts';
import type { ExerciseBundle } from '../../../runtime/index.ts';
import { chooseFiles } from './file-source.ts';
import type { StatusLine } from './status-line.ts';
import { testFiles } from './workspace-files.ts';

const SAVE_DELAY_MS = 400;

export interface WorkspacePersistenceOptions {
  root: HTMLElement;
  slug: string;
  status: StatusLine;
  /** Author preview (`?files=solution` in dev): the solution is loaded and nothing is saved. */
  preview: boolean;
}

export interface RestoredWorkspace {
  state: WorkspaceState;
  /** The starter changed since the saved files were made from it. */
  starterChanged: boolean;
}

export class WorkspacePersistence {
  #root: HTMLElement;
  #slug: string;
  #status: StatusLine;
  #preview: boolean;
  #state: WorkspaceState | undefined;
  #cursors: (() => WorkspaceState['cursors']) | undefined;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #storageOk = true;
  #started = false;
  /** Bumped on every edit; a save that finishes with the same value left nothing unsaved. */
  #editCount = 0;
  #savedEditCount = 0;

  constructor(options: WorkspacePersistenceOptions) {
    this.#root = options.root;
    this.#slug = options.slug;
    this.#status = options.status;
    this.#preview = options.preview;
  }

  /** The saved workspace, or undefined when there is none or storage failed (which is shown). */
  load(): Promise<WorkspaceState | undefined> {
    return loadWorkspace(this.#slug).catch((error: unknown) => {
      this.storageError(error);
      return undefined;
    });
  }

  /** Builds the workspace state from the bundle, the saved workspace and any unsaved backup. */
  restore(bundle: ExerciseBundle, saved: WorkspaceState | undefined): RestoredWorkspace {
    // The preview shows the solution fresh: none of the learner's tabs, cursors or unsaved backup.
    if (this.#preview) saved = undefined;
    const backup = this.#preview ? undefined : takeUnsavedBackup(this.#slug);
    if (backup && backup.savedAt > (saved?.savedAt ?? 0)) {
      saved = {
        ...(saved ?? this.#emptyState()),
        files: backup.files,
        activeFile: backup.activeFile,
        savedAt: backup.savedAt,
      };
      this.#editCount += 1; // Saved to IndexedDB just below.
    }
    const chosen = chooseFiles({
      starter: bundle.starter,
      solution: bundle.solution,
      saved: saved?.files ? { files: saved.files, starterHash: saved.starterHash } : undefined,
      search: location.search,
      dev: import.meta.env.DEV,
    });
    const learnerFiles = chosen.files;
    const tests = testFiles(bundle);
    const firstFile = bundle.editable[0] ?? Object.keys(learnerFiles)[0]!;
    const state: WorkspaceState = {
      exercise: this.#slug,
      files: learnerFiles,
      openTabs: saved?.openTabs?.filter((p) => p in learnerFiles || p in tests) ?? [firstFile],
      activeFile:
        saved?.activeFile && (saved.activeFile in learnerFiles || saved.activeFile in tests)
          ? saved.activeFile
          : firstFile,
      cursors: saved?.cursors ?? {},
      hintsShown: saved?.hintsShown ?? {},
      recentRequests: saved?.recentRequests ?? [],
      savedAt: saved?.savedAt ?? 0,
      starterHash: chosen.starterHash,
    };
    if (!state.openTabs.includes(state.activeFile)) state.openTabs.push(state.activeFile);
    this.#state = state;
    if (this.#editCount > this.#savedEditCount) void this.saveNow(false);
    else if (backup) clearUnsavedBackup(this.#slug);
    return { state, starterChanged: chosen.starterChanged };
  }

  /** Saves take the editor's cursors from here once the editor is open. */
  trackCursors(cursors: () => WorkspaceState['cursors']): void {
    this.#cursors = cursors;
  }

  /** Counts an edit as unsaved, schedules its save and marks the exercise started on the first one. */
  edited(taskCount: number): void {
    this.#editCount += 1;
    this.scheduleSave();
    if (!this.#started && !this.#preview) {
      this.#started = true;
      void markStarted(this.#slug, taskCount).catch((error: unknown) => this.storageError(error));
    }
  }

  scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.saveNow(false), SAVE_DELAY_MS);
  }

  /** Saves now; `announce` (Ctrl/Cmd+S) says so in the status line. */
  async saveNow(announce: boolean): Promise<void> {
    clearTimeout(this.#saveTimer);
    if (!this.#state) return;
    if (this.#preview) {
      if (announce) this.#status.set('Previewing the reference solution: changes are not saved.', 'info');
      return;
    }
    if (this.#cursors) this.#state.cursors = this.#cursors();
    const edits = this.#editCount;
    try {
      await saveWorkspace(this.#state);
      if (this.#savedEditCount < edits) this.#savedEditCount = edits;
      if (this.#savedEditCount === this.#editCount) clearUnsavedBackup(this.#slug);
      if (!this.#storageOk) {
        this.#storageOk = true;
        this.#root.querySelector<HTMLElement>('[data-storage-error]')!.hidden = true;
      }
      if (announce) this.#status.set('Saved in this browser.', 'ok');
    } catch (error) {
      this.storageError(error);
    }
  }

  /** Saves when the page is hidden or left, with a synchronous backup in case the save is cut short. */
  saveWhenHidden(): void {
    const saveOnHide = () => {
      if (this.#preview || !this.#state) return;
      if (this.#editCount > this.#savedEditCount) {
        writeUnsavedBackup(this.#slug, {
          files: this.#state.files,
          activeFile: this.#state.activeFile,
          savedAt: Date.now(),
        });
      }
      void this.saveNow(false);
    };
    addEventListener('pagehide', saveOnHide);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') saveOnHide();
    });
  }

  storageError(error: unknown): void {
    this.#storageOk = false;
    const element = this.#root.querySelector<HTMLElement>('[data-storage-error]')!;
    element.textContent = (error as Error).message;
    element.hidden = false;
  }

  #emptyState(): WorkspaceState {
    return {
      exercise: this.#slug,
      files: {},
      openTabs: [],
      activeFile: '',
      cursors: {},
      hintsShown: {},
      recentRequests: [],
      savedAt: 0,
    };
  }
}
