/**
 * The toolbar actions that swap the learner's files for another version: Reset to the starter,
 * "Restore previous version", and the Solution diff with "Use the solution". Reset and "Use the
 * solution" first keep the current files so that Restore can bring them back once.
 */
import {
  forgetPreviousVersion,
  loadPreviousVersion,
  type WorkspaceState,
} from '../../../lib/progress/workspace-store.ts';
import type { ExerciseBundle } from '../../../runtime/index.ts';
import type { CodeEditor } from './editor.ts';
import { filesHash } from './file-source.ts';
import type { StatusLine } from './status-line.ts';
import type { WorkspaceFiles } from './workspace-files.ts';
import type { WorkspacePersistence } from './workspace-persistence.ts';

export interface WorkspaceVersionsOptions {
  root: HTMLElement;
  slug: string;
  bundle: ExerciseBundle;
  state: WorkspaceState;
  editor: CodeEditor;
  status: StatusLine;
  persistence: WorkspacePersistence;
  files: WorkspaceFiles;
  /** Deletes the app's database in the runtime (Reset starts the data over too). */
  resetData?: () => Promise<void>;
}

export class WorkspaceVersions {
  #options: WorkspaceVersionsOptions;
  #root: HTMLElement;
  #bundle: ExerciseBundle;
  #state: WorkspaceState;
  #editor: CodeEditor;
  #status: StatusLine;

  constructor(options: WorkspaceVersionsOptions) {
    this.#options = options;
    this.#root = options.root;
    this.#bundle = options.bundle;
    this.#state = options.state;
    this.#editor = options.editor;
    this.#status = options.status;
  }

  async reset(): Promise<void> {
    if (
      !confirm(
        'Reset your files to the starter code? You can bring your current version back once with "Restore previous version".',
      )
    )
      return;
    if (!(await this.#options.persistence.keepPreviousVersion())) return;
    this.#state.starterHash = filesHash(this.#bundle.starter);
    this.#root.querySelector<HTMLElement>('[data-starter-changed]')!.hidden = true;
    await this.#options.files.replaceAll(this.#bundle.starter);
    // A database the app made is part of what it did: a Reset starts it over too.
    await this.#options.resetData?.().catch(() => undefined);
    this.#status.set('Reset to the starter code. "Restore previous version" brings your code back.', 'ok');
  }

  async restorePrevious(): Promise<void> {
    try {
      const previous = await loadPreviousVersion(this.#options.slug);
      if (!previous) return;
      await this.#options.files.replaceAll(previous.files);
      await forgetPreviousVersion(this.#options.slug);
      this.#button('restore').hidden = true;
      this.#status.set('Your previous version is back.', 'ok');
    } catch (error) {
      this.#options.persistence.storageError(error);
    }
  }

  #solutionPath(): string {
    const active = this.#state.activeFile;
    return active in this.#bundle.solution
      ? active
      : (this.#bundle.editable.find((p) => p in this.#bundle.solution) ?? active);
  }

  showSolution(): void {
    const path = this.#solutionPath();
    this.#editor.showDiff(path, this.#state.files[path] ?? '', this.#bundle.solution[path] ?? '');
    this.#root.querySelector<HTMLElement>('[data-solution-bar]')!.hidden = false;
    this.#button('use-solution').focus();
    this.#status.set(`Showing the reference solution of ${path} beside your code.`, 'info');
  }

  closeSolution(): void {
    this.#editor.hideDiff();
    this.#root.querySelector<HTMLElement>('[data-solution-bar]')!.hidden = true;
    this.#editor.focus();
  }

  async useSolution(): Promise<void> {
    if (
      !confirm(
        'Replace your files with the reference solution? You can bring your version back once with "Restore previous version".',
      )
    )
      return;
    if (!(await this.#options.persistence.keepPreviousVersion())) return;
    this.closeSolution();
    const files = { ...this.#state.files };
    for (const path of this.#bundle.editable)
      if (path in this.#bundle.solution) files[path] = this.#bundle.solution[path]!;
    await this.#options.files.replaceAll(files);
    this.#status.set(
      'Your files now hold the reference solution. "Restore previous version" brings yours back.',
      'ok',
    );
  }

  #button(action: string): HTMLButtonElement {
    return this.#root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }
}
