/**
 * The toolbar actions that swap the learner's files for another version: Reset to the starter, the
 * Solution diff with "Use the solution", "Restore previous version" and the Versions list. Every swap
 * first keeps the learner's own code (version-history.ts), and so does every Check: nothing they typed
 * is lost, whatever they press.
 */
import type { ResultsDocument } from '../../../../grader/src/schemas.ts';
import type { WorkspaceState } from '../../../lib/progress/workspace-store.ts';
import type { ExerciseBundle, FileMap } from '../../../runtime/index.ts';
import { h } from './dom.ts';
import type { CodeEditor } from './editor.ts';
import { filesHash } from './file-source.ts';
import type { StatusLine } from './status-line.ts';
import {
  addVersion,
  checkLabel,
  isSolution,
  isStarter,
  loadHistory,
  sameFiles,
  saveHistory,
  versionTime,
  type Version,
  type VersionHistory,
} from './version-history.ts';
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
  /** Author preview: nothing is kept, and the learner's versions are not offered. */
  preview: boolean;
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
  #history: VersionHistory = { versions: [] };
  #loaded: Promise<void>;
  #toggle: HTMLButtonElement;
  #popup: HTMLElement;

  constructor(options: WorkspaceVersionsOptions) {
    this.#options = options;
    this.#root = options.root;
    this.#bundle = options.bundle;
    this.#state = options.state;
    this.#editor = options.editor;
    this.#status = options.status;
    this.#toggle = this.#button('versions');
    this.#popup = this.#root.querySelector<HTMLElement>('[data-versions-popup]')!;
    this.#toggle.hidden = options.preview;
    this.#loaded = options.preview
      ? Promise.resolve()
      : loadHistory(options.slug).then(
          (history) => {
            this.#history = history;
            this.#paint();
          },
          (error: unknown) => options.persistence.storageError(error),
        );
    this.#wireMenu();
  }

  // ——— keeping versions ———

  /** The learner's own files, not the starter untouched nor the reference solution. */
  #isOwn(files: FileMap): boolean {
    return !isStarter(files, this.#bundle) && !isSolution(files, this.#bundle);
  }

  /**
   * Keeps `files` in the history when they are the learner's own. `previous` also makes them what
   * "Restore previous version" brings back. False when storage failed and the learner cancels.
   */
  async #keep(files: FileMap, label: string, options: { previous?: boolean } = {}): Promise<boolean> {
    if (this.#options.preview) return true;
    await this.#loaded;
    const version: Version = {
      id: `v${Date.now()}-${filesHash(files)}`,
      savedAt: Date.now(),
      label,
      files: structuredClone(files),
    };
    let history = this.#history;
    const own = this.#isOwn(files);
    if (own) history = addVersion(history, version);
    // Restoring the solution or the starter is what Solution and Reset do: only offer them when
    // there is nothing of the learner's to offer.
    if (options.previous && (own || (!history.previous && !isSolution(files, this.#bundle)))) {
      history = { ...history, previous: own ? history.versions[0]! : version };
    }
    if (history === this.#history) return true;
    try {
      await saveHistory(this.#options.slug, history);
      this.#history = history;
      this.#paint();
      return true;
    } catch (error) {
      this.#options.persistence.storageError(error);
      return (
        !options.previous || confirm('Your current code could not be kept for restoring. Replace it anyway?')
      );
    }
  }

  /** Keeps the files as they are now (before a file is deleted). */
  async keepCurrent(label: string): Promise<void> {
    await this.#keep(this.#state.files, label);
  }

  /** A Check's files are kept with its outcome ("checked: 3 of 4 pass"). */
  async recordCheck(files: FileMap, results: ResultsDocument): Promise<void> {
    const passed = results.tasks.filter((t) => t.status === 'pass').length;
    await this.#keep(files, checkLabel(results.status, passed, results.tasks.length));
  }

  // ——— swaps ———

  async reset(): Promise<void> {
    if (
      !confirm(
        'Reset your files to the starter code? Your current code is kept: "Restore previous version" or Versions bring it back.',
      )
    )
      return;
    if (!(await this.#keep(this.#state.files, 'before Reset', { previous: true }))) return;
    this.#state.starterHash = filesHash(this.#bundle.starter);
    this.#root.querySelector<HTMLElement>('[data-starter-changed]')!.hidden = true;
    const written = await this.#options.files.replaceAll(this.#bundle.starter);
    // A database the app made is part of what it did: a Reset starts it over too.
    await this.#options.resetData?.().catch(() => undefined);
    if (written)
      this.#status.set('Reset to the starter code. "Restore previous version" brings your code back.', 'ok');
  }

  async restorePrevious(): Promise<void> {
    await this.#loaded;
    const previous = this.#history.previous;
    if (!previous) return;
    await this.#restore(previous, 'Your previous version is back.');
    this.#history = { ...this.#history, previous: undefined };
    await saveHistory(this.#options.slug, this.#history).catch((error: unknown) =>
      this.#options.persistence.storageError(error),
    );
    this.#paint();
  }

  async #restore(version: Version, message: string): Promise<void> {
    if (sameFiles(version.files, this.#state.files)) {
      this.#status.set('Your files already hold that version.', 'info');
      return;
    }
    if (!(await this.#keep(this.#state.files, 'before restoring'))) return;
    if (this.#editor.diffShown) this.closeSolution();
    if (await this.#options.files.replaceAll(version.files)) this.#status.set(message, 'ok');
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
        'Replace your files with the reference solution? Your current code is kept: "Restore previous version" or Versions bring it back.',
      )
    )
      return;
    if (!(await this.#keep(this.#state.files, 'before using the solution', { previous: true }))) return;
    this.closeSolution();
    const files = { ...this.#state.files };
    for (const path of this.#bundle.editable)
      if (path in this.#bundle.solution) files[path] = this.#bundle.solution[path]!;
    if (await this.#options.files.replaceAll(files))
      this.#status.set(
        'Your files now hold the reference solution. "Restore previous version" brings yours back.',
        'ok',
      );
  }

  // ——— the Versions list ———

  #wireMenu(): void {
    this.#toggle.addEventListener('click', () => this.#setOpen(this.#popup.hidden !== false));
    this.#popup.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.#setOpen(false);
      this.#toggle.focus();
    });
    this.#toggle.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.#popup.hidden) this.#setOpen(false);
    });
    document.addEventListener('pointerdown', (event) => {
      const target = event.target as Node;
      if (!this.#popup.hidden && !this.#popup.contains(target) && !this.#toggle.contains(target))
        this.#setOpen(false);
    });
    this.#popup.addEventListener('focusout', (event) => {
      const next = event.relatedTarget as Node | null;
      if (next && !this.#popup.contains(next) && next !== this.#toggle) this.#setOpen(false);
    });
  }

  #setOpen(open: boolean): void {
    this.#popup.hidden = !open;
    this.#toggle.setAttribute('aria-expanded', String(open));
    if (open) this.#paint();
  }

  #paint(): void {
    this.#button('restore').hidden = !this.#history.previous;
    const list = this.#popup.querySelector<HTMLElement>('[data-versions-list]')!;
    const { versions } = this.#history;
    this.#toggle.textContent = versions.length ? `Versions (${versions.length})` : 'Versions';
    if (!versions.length) {
      list.replaceChildren(
        h(
          'li',
          { class: 'muted' },
          'None yet: your code is kept here at every Check and before Reset or "Use the solution".',
        ),
      );
      return;
    }
    list.replaceChildren(
      ...versions.map((version) => {
        const time = versionTime(version.savedAt);
        const current = sameFiles(version.files, this.#state.files);
        const button = h(
          'button',
          {
            type: 'button',
            class: 'ws-version',
            'data-version-id': version.id,
            'aria-current': current ? 'true' : undefined,
          },
          h('time', { datetime: new Date(version.savedAt).toISOString() }, time),
          ' ',
          h('span', {}, version.label),
          current ? h('span', { class: 'ws-version-current' }, 'in the editor') : false,
        );
        button.addEventListener('click', () => {
          this.#setOpen(false);
          this.#toggle.focus();
          void this.#restore(version, `Your version of ${time} (${version.label}) is back.`);
        });
        return h('li', {}, button);
      }),
    );
  }

  #button(action: string): HTMLButtonElement {
    return this.#root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }
}
