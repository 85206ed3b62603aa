/**
 * The exercise workspace, wired together: it restores the learner's files from IndexedDB, opens the
 * editor, picks a runtime, and connects the toolbar, file tree, panels and status line to it.
 * Everything the learner types is saved (debounced, on Ctrl/Cmd+S and when the page is hidden) and
 * pushed to the runtime before Run and Check.
 */
import type { ResultsDocument } from '../../../../grader/src/schemas.ts';
import {
  clearUnsavedBackup,
  forgetPreviousVersion,
  loadPreviousVersion,
  loadWorkspace,
  savePreviousVersion,
  saveWorkspace,
  takeUnsavedBackup,
  writeUnsavedBackup,
  type WorkspaceState,
} from '../../../lib/progress/workspace-store.ts';
import { markStarted, readProgress, recordCheck } from '../../../lib/progress/progress-store.ts';
import {
  choosePageRuntime,
  exerciseBundleUrl,
  fetchJson,
  forgetRuntimeChoice,
  type AppState,
  type ExerciseBundle,
  type FileMap,
  type Runtime,
  type RuntimeChoice,
  type RuntimeEvent,
  type Session,
} from '../../../runtime/index.ts';
import type { CodeEditor } from './editor.ts';
import { chooseFiles, filesHash, isSolutionPreview } from './file-source.ts';
import { FileTree } from './file-tree.ts';
import { HintsController } from './hints.ts';
import { markTasks } from './instruction-marks.ts';
import { LogsPanel } from './logs-panel.ts';
import { PanelTabs } from './panel-tabs.ts';
import { RequestPanel } from './request-panel.ts';
import { ResultsPanel } from './results-panel.ts';
import { StatusLine } from './status-line.ts';

const SAVE_DELAY_MS = 400;
const PUSH_DELAY_MS = 250;
const FILE_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\.(js|mjs|json|sql|md|txt)$/;

export async function startWorkspace(root: HTMLElement): Promise<void> {
  const workspace = new Workspace(root);
  (window as unknown as { kitchenWorkspace?: Workspace }).kitchenWorkspace = workspace;
  await workspace.start();
}

class Workspace {
  #root: HTMLElement;
  #slug: string;
  #status: StatusLine;
  #panels: PanelTabs;
  #logs: LogsPanel;
  #results: ResultsPanel;
  #request: RequestPanel;
  #tree: FileTree;
  #hints: HintsController;
  #editor: CodeEditor | undefined;
  #bundle!: ExerciseBundle;
  #runtime: Runtime | undefined;
  #state!: WorkspaceState;
  #appState: AppState | 'none' = 'none';
  #port: number | undefined;
  #checking = false;
  #lastResults: ResultsDocument | undefined;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #pushTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #pushes = new Set<Promise<void>>();
  #started = false;
  #storageOk = true;
  /** Author preview (`?files=solution` in dev): the solution is loaded and nothing is saved. */
  #preview = false;
  /** Bumped on every edit; a save that finishes with the same value left nothing unsaved. */
  #editCount = 0;
  #savedEditCount = 0;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#slug = root.dataset.exercise!;
    this.#status = new StatusLine(root);
    this.#panels = new PanelTabs(root);
    this.#logs = new LogsPanel(root);
    this.#hints = new HintsController((shown) => {
      this.#state.hintsShown = shown;
      this.#scheduleSave();
    });
    this.#results = new ResultsPanel(root, {
      hintFor: (taskId) => (this.#hints.has(taskId) ? () => this.#hints.reveal(taskId) : undefined),
    });
    this.#request = new RequestPanel(root, {
      send: (request) => {
        if (!this.#runtime)
          return Promise.reject(new Error('Your code cannot run on this page: see the message above.'));
        return this.#runtime.request(request);
      },
      origin: () => `http://localhost:${this.#port ?? 3000}`,
      onRecentChange: (recent) => {
        this.#state.recentRequests = recent;
        this.#scheduleSave();
      },
    });
    this.#tree = new FileTree(root, {
      onOpen: (path) => this.#open(path),
      onCreate: () => void this.#createFile(),
      onRename: (path) => void this.#renameFile(path),
      onDelete: (path) => void this.#deleteFile(path),
      onCloseTab: (path) => this.#closeTab(path),
    });
    this.#button('hints').hidden = !this.#hints.available;
    if (/Mac|iPhone|iPad/.test(navigator.platform)) {
      // Monaco maps CtrlCmd to ⌘ and moves "Tab leaves the editor" to Ctrl+Shift+M on a Mac.
      const keys = root.querySelector<HTMLElement>('[data-keys]');
      if (keys)
        keys.innerHTML =
          '<kbd>⌘</kbd>+<kbd>Enter</kbd> check · <kbd>⌘</kbd>+<kbd>S</kbd> save · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>M</kbd> Tab leaves the editor';
    }
  }

  #button(action: string): HTMLButtonElement {
    return this.#root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }

  async start(): Promise<void> {
    performance.mark('kitchen:workspace-start');
    this.#status.set('Loading the editor and your files…', 'busy');
    // The local runtime may be prepared while a WebContainer boots: it needs the learner's files,
    // which arrive below (bundle + IndexedDB). It opens with a copy; later edits are synced on adoption.
    let filesReady!: (files: FileMap) => void;
    const learnerFilesReady = new Promise<FileMap>((resolve) => (filesReady = resolve));
    let preparedWith: FileMap | undefined;
    const runtimeChoice = choosePageRuntime({
      onProgress: (message) => {
        if (!this.#runtime) this.#status.set(message, 'busy');
      },
      onWaiting: (skip) => this.#offerSkip(skip),
      prepareLocal: async (local) => {
        const files = { ...(await learnerFilesReady) };
        preparedWith = files;
        return local.open({ exercise: this.#slug, files });
      },
    });
    const editorModule = import('./editor.ts');
    let bundle: ExerciseBundle;
    let saved: WorkspaceState | undefined;
    try {
      [bundle, saved] = await Promise.all([
        fetchJson<ExerciseBundle>(exerciseBundleUrl(this.#slug), `the files of exercise "${this.#slug}"`),
        loadWorkspace(this.#slug).catch((error: unknown) => {
          this.#storageError(error);
          return undefined;
        }),
      ]);
    } catch (error) {
      this.#status.set(`${(error as Error).message} Reload the page to try again.`, 'error');
      return;
    }
    this.#bundle = bundle;
    this.#preview = isSolutionPreview(location.search, import.meta.env.DEV);
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
    const firstFile = bundle.editable[0] ?? Object.keys(learnerFiles)[0]!;
    this.#state = {
      exercise: this.#slug,
      files: learnerFiles,
      openTabs: saved?.openTabs?.filter((p) => p in learnerFiles || p in this.#testFiles()) ?? [firstFile],
      activeFile:
        saved?.activeFile && (saved.activeFile in learnerFiles || saved.activeFile in this.#testFiles())
          ? saved.activeFile
          : firstFile,
      cursors: saved?.cursors ?? {},
      hintsShown: saved?.hintsShown ?? {},
      recentRequests: saved?.recentRequests ?? [],
      savedAt: saved?.savedAt ?? 0,
      starterHash: chosen.starterHash,
    };
    if (!this.#state.openTabs.includes(this.#state.activeFile))
      this.#state.openTabs.push(this.#state.activeFile);
    if (this.#editCount > this.#savedEditCount) void this.#saveNow(false);
    else if (backup) clearUnsavedBackup(this.#slug);
    if (this.#preview) this.#show('[data-preview-banner]');
    else if (chosen.starterChanged && import.meta.env.DEV) this.#show('[data-starter-changed]');
    this.#hints.restore(this.#state.hintsShown);
    this.#request.setRecent(this.#state.recentRequests);
    filesReady(this.#state.files);

    const { CodeEditor } = await editorModule;
    const host = this.#root.querySelector<HTMLElement>('[data-editor-host]')!;
    host.querySelector('[data-editor-loading]')?.remove();
    this.#editor = new CodeEditor(host, {
      onChange: (path, content) => this.#edited(path, content),
      onSave: () => void this.#saveNow(true),
      onCheck: () => void this.check(),
    });
    for (const [path, content] of Object.entries(this.#state.files)) this.#editor.setFile(path, content);
    for (const [path, content] of Object.entries(this.#testFiles()))
      this.#editor.setFile(path, content, { readOnly: true });
    this.#editor.setCursors(this.#state.cursors);
    this.#renderTree();
    this.#editor.show(this.#state.activeFile);
    this.#root.dataset.editorReady = 'true';
    performance.mark('kitchen:editor-ready');
    this.#wireControls();

    const choice = await runtimeChoice;
    const skipHadFocus = document.activeElement === this.#button('use-local-now');
    this.#button('use-local-now').hidden = true;
    const badge = this.#root.querySelector<HTMLElement>('[data-runtime-badge]')!;
    if (!choice.runtime) {
      badge.textContent = 'Runtime: none';
      badge.dataset.runtime = 'none';
      this.#root.dataset.runtime = 'none';
      this.#notice(choice.reason, true);
      this.#status.set(
        'Your code cannot run on this page: see the message above. Your edits are still saved.',
        'error',
      );
      return;
    }
    const runtime = choice.runtime;
    badge.textContent = `Runtime: ${runtime.label}`;
    badge.dataset.runtime = runtime.kind;
    if (choice.notice) this.#notice(choice.notice, false);
    if (choice.canRetryWebContainer) this.#button('retry-webcontainer').hidden = false;
    // Listen before open(): a WebContainer reports booting and installing while it opens.
    runtime.on((event) => this.#onRuntimeEvent(event));
    try {
      this.#status.set(`Preparing your workspace on the ${runtime.label.toLowerCase()}…`, 'busy');
      const opened = await this.#adopt(runtime, choice, preparedWith);
      // Edits, new files, renames and deletions made while the runtime was being prepared.
      await this.#syncSince(runtime, opened);
    } catch (error) {
      this.#status.set(`Your workspace could not be prepared: ${(error as Error).message}`, 'error');
      return;
    }
    this.#runtime = runtime;
    for (const action of ['run', 'check', 'reset']) this.#button(action).disabled = false;
    this.#root.dataset.runtimeReady = 'true';
    this.#appState = 'ready';
    if (skipHadFocus) this.#button('run').focus();
    this.#status.set('Ready. Run starts your app; Check (Ctrl+Enter) tests it.', 'info');
  }

  /** Shows "Use the local runner now" while the WebContainer boot is pending; a click ends the wait. */
  #offerSkip(skip: () => void): void {
    const badge = this.#root.querySelector<HTMLElement>('[data-runtime-badge]')!;
    badge.textContent = 'Runtime: trying in-browser…';
    badge.dataset.runtime = 'trying';
    const button = this.#button('use-local-now');
    button.hidden = false;
    button.addEventListener(
      'click',
      () => {
        this.#status.set('Switching to the local runner…', 'busy');
        skip();
      },
      { once: true },
    );
  }

  /**
   * Opens the chosen runtime's session, or takes the one prepared during the boot wait. Returns the
   * files the session was opened with, so the caller can send what changed since.
   */
  async #adopt(
    runtime: Runtime,
    choice: Extract<RuntimeChoice, { runtime: Runtime }>,
    preparedWith: FileMap | undefined,
  ): Promise<FileMap> {
    if (choice.prepared) {
      const session: Session | undefined = await choice.prepared.catch(() => undefined);
      if (session && preparedWith) return preparedWith;
      // The preparation failed (e.g. the runner restarted): a second try says what is wrong.
    }
    const files = { ...this.#state.files };
    await runtime.open({ exercise: this.#slug, files });
    return files;
  }

  async #syncSince(runtime: Runtime, opened: FileMap): Promise<void> {
    for (const path of Object.keys(opened)) {
      if (!(path in this.#state.files)) await runtime.deleteFile(path).catch(() => undefined);
    }
    for (const [path, content] of Object.entries(this.#state.files)) {
      if (opened[path] !== content) await runtime.writeFile(path, content);
    }
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

  #testFiles(): FileMap {
    return Object.fromEntries(
      Object.entries(this.#bundle.tests).map(([path, content]) => [
        `tests/${path.replace(/^tests\//, '')}`,
        content,
      ]),
    );
  }

  #show(selector: string): void {
    this.#root.querySelector<HTMLElement>(selector)!.hidden = false;
  }

  #notice(message: string, error: boolean): void {
    const notice = this.#root.querySelector<HTMLElement>('[data-notice]')!;
    notice.textContent = message;
    notice.hidden = false;
    notice.classList.toggle('ws-notice-error', error);
  }

  #storageError(error: unknown): void {
    this.#storageOk = false;
    const element = this.#root.querySelector<HTMLElement>('[data-storage-error]')!;
    element.textContent = (error as Error).message;
    element.hidden = false;
  }

  #wireControls(): void {
    this.#button('run').addEventListener('click', () => void this.toggleRun());
    this.#button('check').addEventListener('click', () => void this.check());
    this.#button('reset').addEventListener('click', () => void this.#reset());
    this.#button('reset-to-starter').addEventListener('click', () => void this.#reset());
    this.#button('restore').addEventListener('click', () => void this.#restorePrevious());
    this.#button('hints').addEventListener('click', () => this.#hints.open(this.#firstUnfinishedTask()));
    this.#button('solution').addEventListener('click', () => this.#showSolution());
    this.#button('close-solution').addEventListener('click', () => this.#closeSolution());
    this.#button('use-solution').addEventListener('click', () => void this.#useSolution());
    this.#button('retry-webcontainer').addEventListener('click', () => {
      forgetRuntimeChoice();
      // A page boots at most one WebContainer, so trying again means a fresh page; pagehide saves.
      location.reload();
    });
    document.addEventListener('keydown', (event) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey)) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        void this.check();
      } else if (event.key.toLowerCase() === 's') {
        event.preventDefault();
        void this.#saveNow(true);
      }
    });
    const saveOnHide = () => {
      if (this.#preview) return;
      if (this.#editCount > this.#savedEditCount) {
        writeUnsavedBackup(this.#slug, {
          files: this.#state.files,
          activeFile: this.#state.activeFile,
          savedAt: Date.now(),
        });
      }
      void this.#saveNow(false);
    };
    addEventListener('pagehide', saveOnHide);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') saveOnHide();
    });
    // A learner who checked before (in an earlier visit) keeps their ticks and the Solution button.
    void readProgress()
      .then((progress) => {
        const mine = progress[this.#slug];
        if (!mine || this.#lastResults) return;
        if (mine.checks > 0) this.#button('solution').hidden = false;
        markTasks(
          this.#bundle.tasks.map((task) => ({
            id: task.id,
            status: mine.tasksPassed.includes(task.id) ? 'pass' : 'fail',
          })),
        );
      })
      .catch((error: unknown) => this.#storageError(error));
    if (this.#preview) return; // Restoring would load the learner's version into the preview.
    void loadPreviousVersion(this.#slug)
      .then((previous) => (this.#button('restore').hidden = !previous))
      .catch((error: unknown) => this.#storageError(error));
  }

  // ——— files ———

  #renderTree(): void {
    this.#tree.render({
      learnerFiles: Object.keys(this.#state.files).sort(
        (a, b) => this.#order(a) - this.#order(b) || a.localeCompare(b),
      ),
      testFiles: Object.keys(this.#testFiles()),
      required: this.#bundle.editable,
      allowNewFiles: this.#bundle.allowNewFiles,
      openTabs: this.#state.openTabs,
      active: this.#state.activeFile,
    });
  }

  #order(path: string): number {
    const index = this.#bundle.editable.indexOf(path);
    return index === -1 ? 1000 : index;
  }

  #open(path: string): void {
    if (this.#editor?.diffShown) this.#closeSolution();
    if (!this.#state.openTabs.includes(path)) this.#state.openTabs.push(path);
    this.#state.activeFile = path;
    this.#editor?.show(path);
    this.#renderTree();
    this.#scheduleSave();
  }

  #closeTab(path: string): void {
    const tabs = this.#state.openTabs.filter((p) => p !== path);
    if (!tabs.length) return;
    this.#state.openTabs = tabs;
    if (this.#state.activeFile === path) this.#open(tabs.at(-1)!);
    else this.#renderTree();
    this.#scheduleSave();
  }

  #edited(path: string, content: string): void {
    if (this.#state.files[path] === content) return;
    this.#state.files[path] = content;
    this.#editCount += 1;
    if (this.#appState === 'running' && !this.#checking) {
      this.#status.set(
        'Your app still runs the code it started with: Stop and Run again to try your changes.',
        'info',
      );
    }
    this.#scheduleSave();
    this.#schedulePush(path);
    if (!this.#started && !this.#preview) {
      this.#started = true;
      void markStarted(this.#slug, this.#bundle.tasks.length).catch((error: unknown) =>
        this.#storageError(error),
      );
    }
  }

  #schedulePush(path: string): void {
    clearTimeout(this.#pushTimers.get(path));
    this.#pushTimers.set(
      path,
      setTimeout(() => {
        this.#pushTimers.delete(path);
        this.#push(path);
      }, PUSH_DELAY_MS),
    );
  }

  #push(path: string): void {
    if (!this.#runtime || !(path in this.#state.files)) return;
    const push = this.#runtime.writeFile(path, this.#state.files[path]!).catch((error: unknown) => {
      this.#status.set(`Could not send ${path} to the runtime: ${(error as Error).message}`, 'error');
    });
    this.#pushes.add(push);
    void push.finally(() => this.#pushes.delete(push));
  }

  /** Sends every pending edit to the runtime and waits for it: Run and Check must see the latest code. */
  async #flushToRuntime(): Promise<void> {
    for (const [path, timer] of this.#pushTimers) {
      clearTimeout(timer);
      this.#push(path);
    }
    this.#pushTimers.clear();
    await Promise.all(this.#pushes);
  }

  #scheduleSave(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.#saveNow(false), SAVE_DELAY_MS);
  }

  async #saveNow(announce: boolean): Promise<void> {
    clearTimeout(this.#saveTimer);
    if (!this.#state) return;
    if (this.#preview) {
      if (announce) this.#status.set('Previewing the reference solution: changes are not saved.', 'info');
      if (announce) void this.#flushToRuntime();
      return;
    }
    if (this.#editor) this.#state.cursors = this.#editor.cursors();
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
      this.#storageError(error);
    }
    if (announce) void this.#flushToRuntime();
  }

  async #createFile(): Promise<void> {
    const name = prompt('New file name (for example "routes/menu.js"):')?.trim();
    if (!name) return;
    if (!FILE_NAME.test(name) || name.startsWith('tests/') || name in this.#state.files) {
      alert(
        `"${name}" cannot be used: pick a new name of letters, digits, "-" and "_", ending in .js, .json, .sql, .md or .txt, outside tests/.`,
      );
      return;
    }
    this.#state.files[name] = '';
    this.#editor?.setFile(name, '');
    await this.#runtime
      ?.writeFile(name, '')
      .catch((error: unknown) => this.#status.set((error as Error).message, 'error'));
    this.#open(name);
  }

  async #renameFile(path: string): Promise<void> {
    const name = prompt(`Rename ${path} to:`, path)?.trim();
    if (!name || name === path) return;
    if (!FILE_NAME.test(name) || name.startsWith('tests/') || name in this.#state.files) {
      alert(
        `"${name}" cannot be used: pick a new name of letters, digits, "-" and "_", ending in .js, .json, .sql, .md or .txt.`,
      );
      return;
    }
    await this.#flushToRuntime();
    this.#state.files[name] = this.#state.files[path]!;
    delete this.#state.files[path];
    this.#editor?.renameFile(path, name);
    this.#state.openTabs = this.#state.openTabs.map((p) => (p === path ? name : p));
    if (this.#state.activeFile === path) this.#state.activeFile = name;
    await this.#runtime
      ?.renameFile(path, name)
      .catch((error: unknown) => this.#status.set((error as Error).message, 'error'));
    this.#open(this.#state.activeFile);
  }

  async #deleteFile(path: string): Promise<void> {
    if (!confirm(`Delete ${path}? Its content is gone unless you Reset and restore the previous version.`))
      return;
    delete this.#state.files[path];
    this.#editor?.removeFile(path);
    this.#state.openTabs = this.#state.openTabs.filter((p) => p !== path);
    if (!this.#state.openTabs.length) this.#state.openTabs = [this.#bundle.editable[0]!];
    await this.#runtime
      ?.deleteFile(path)
      .catch((error: unknown) => this.#status.set((error as Error).message, 'error'));
    this.#open(this.#state.activeFile === path ? this.#state.openTabs[0]! : this.#state.activeFile);
  }

  /** Replaces every learner file with `files` (Reset, restore, "Use the solution"), in editor and runtime. */
  async #replaceFiles(files: FileMap): Promise<void> {
    await this.#flushToRuntime();
    for (const path of Object.keys(this.#state.files)) {
      if (path in files) continue;
      this.#editor?.removeFile(path);
      await this.#runtime?.deleteFile(path).catch(() => undefined);
    }
    this.#state.files = { ...files };
    for (const [path, content] of Object.entries(files)) {
      this.#editor?.setFile(path, content);
      await this.#runtime?.writeFile(path, content);
    }
    this.#pushTimers.forEach((timer) => clearTimeout(timer));
    this.#pushTimers.clear();
    this.#state.openTabs = this.#state.openTabs.filter((p) => p in files || p.startsWith('tests/'));
    if (!this.#state.openTabs.length) this.#state.openTabs = [this.#bundle.editable[0]!];
    if (!this.#state.openTabs.includes(this.#state.activeFile))
      this.#state.activeFile = this.#state.openTabs[0]!;
    this.#open(this.#state.activeFile);
    await this.#saveNow(false);
  }

  async #keepPreviousVersion(): Promise<boolean> {
    if (this.#preview) return true; // Nothing to keep, and the learner's own previous version stays.
    try {
      await savePreviousVersion(structuredClone({ ...this.#state, cursors: this.#editor?.cursors() ?? {} }));
      this.#button('restore').hidden = false;
      return true;
    } catch (error) {
      this.#storageError(error);
      return confirm('Your current code could not be kept for restoring. Replace it anyway?');
    }
  }

  async #reset(): Promise<void> {
    if (
      !confirm(
        'Reset your files to the starter code? You can bring your current version back once with "Restore previous version".',
      )
    )
      return;
    if (!(await this.#keepPreviousVersion())) return;
    this.#state.starterHash = filesHash(this.#bundle.starter);
    this.#root.querySelector<HTMLElement>('[data-starter-changed]')!.hidden = true;
    await this.#replaceFiles(this.#bundle.starter);
    this.#status.set('Reset to the starter code. "Restore previous version" brings your code back.', 'ok');
  }

  async #restorePrevious(): Promise<void> {
    try {
      const previous = await loadPreviousVersion(this.#slug);
      if (!previous) return;
      await this.#replaceFiles(previous.files);
      await forgetPreviousVersion(this.#slug);
      this.#button('restore').hidden = true;
      this.#status.set('Your previous version is back.', 'ok');
    } catch (error) {
      this.#storageError(error);
    }
  }

  // ——— solution ———

  #solutionPath(): string {
    const active = this.#state.activeFile;
    return active in this.#bundle.solution
      ? active
      : (this.#bundle.editable.find((p) => p in this.#bundle.solution) ?? active);
  }

  #showSolution(): void {
    if (!this.#editor) return;
    const path = this.#solutionPath();
    this.#editor.showDiff(path, this.#state.files[path] ?? '', this.#bundle.solution[path] ?? '');
    this.#root.querySelector<HTMLElement>('[data-solution-bar]')!.hidden = false;
    this.#button('use-solution').focus();
    this.#status.set(`Showing the reference solution of ${path} beside your code.`, 'info');
  }

  #closeSolution(): void {
    this.#editor?.hideDiff();
    this.#root.querySelector<HTMLElement>('[data-solution-bar]')!.hidden = true;
    this.#editor?.focus();
  }

  async #useSolution(): Promise<void> {
    if (
      !confirm(
        'Replace your files with the reference solution? You can bring your version back once with "Restore previous version".',
      )
    )
      return;
    if (!(await this.#keepPreviousVersion())) return;
    this.#closeSolution();
    const files = { ...this.#state.files };
    for (const path of this.#bundle.editable)
      if (path in this.#bundle.solution) files[path] = this.#bundle.solution[path]!;
    await this.#replaceFiles(files);
    this.#status.set(
      'Your files now hold the reference solution. "Restore previous version" brings yours back.',
      'ok',
    );
  }

  // ——— run, check, events ———

  async toggleRun(): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) return;
    const running = this.#appState === 'running' || this.#appState === 'starting';
    try {
      if (running) {
        this.#status.set('Stopping your app…', 'busy');
        await runtime.stop();
        this.#setAppState('stopped');
      } else {
        await this.#flushToRuntime();
        this.#logs.clear();
        this.#panels.select('logs');
        this.#setAppState('starting');
        await runtime.run();
      }
    } catch (error) {
      this.#status.set((error as Error).message, 'error');
    }
  }

  async check(): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) {
      if (this.#root.dataset.runtime === 'none')
        this.#status.set('Your code cannot run on this page: see the message above.', 'error');
      else this.#status.set('The runtime is still getting ready: Check works as soon as it is.', 'busy');
      return;
    }
    if (this.#checking) return;
    this.#checking = true;
    const checkButton = this.#button('check');
    checkButton.disabled = true;
    checkButton.setAttribute('aria-busy', 'true');
    const started = performance.now();
    try {
      await this.#flushToRuntime();
      void this.#saveNow(false);
      this.#panels.select('results');
      this.#results.checking();
      this.#status.set('Checking your code…', 'busy');
      this.#status.progress(0, 0);
      const results = await runtime.check();
      this.#showResults(results, performance.now() - started);
    } catch (error) {
      this.#results.error(`The check could not run: ${(error as Error).message}`);
      this.#status.set(`The check could not run: ${(error as Error).message}`, 'error');
    } finally {
      this.#checking = false;
      checkButton.disabled = false;
      checkButton.removeAttribute('aria-busy');
    }
  }

  #showResults(results: ResultsDocument, elapsedMs: number): void {
    this.#lastResults = results;
    performance.mark('kitchen:first-check-result');
    this.#results.render(results);
    markTasks(results.tasks);
    this.#button('solution').hidden = false;
    const passed = results.tasks.filter((t) => t.status === 'pass').map((t) => t.id);
    if (!this.#preview)
      void recordCheck(this.#slug, passed, results.tasks.length, results.status === 'pass').catch(
        (error: unknown) => this.#storageError(error),
      );
    const seconds = (elapsedMs / 1000).toFixed(1);
    if (results.status === 'pass')
      this.#status.set(
        `Checked in ${seconds} s: all ${results.tasks.length} tasks pass. Exercise done!`,
        'ok',
      );
    else if (results.status === 'error')
      this.#status.set(`Checked in ${seconds} s: the tests could not run. See Results.`, 'error');
    else
      this.#status.set(
        `Checked in ${seconds} s: ${passed.length} of ${results.tasks.length} tasks pass. See Results.`,
        'error',
      );
    this.#root.dataset.lastCheck = results.status;
  }

  #firstUnfinishedTask(): string | undefined {
    return this.#lastResults?.tasks.find((t) => t.status !== 'pass')?.id;
  }

  #onRuntimeEvent(event: RuntimeEvent): void {
    switch (event.type) {
      case 'output':
        this.#logs.append(event.data, event.stream);
        break;
      case 'status':
        this.#port = event.port ?? this.#port;
        this.#setAppState(event.state, event.message);
        break;
      case 'check':
        if (event.state === 'queued')
          this.#status.set(`Waiting for a free checker (${event.position} ahead of you)…`, 'busy');
        else this.#status.set('Checking your code…', 'busy');
        this.#status.progress(0, 0);
        break;
      case 'check-progress':
        this.#status.set(
          `Checking: ${event.done} of ${event.total} tests done${event.test ? ` (${event.test})` : ''}…`,
          'busy',
        );
        this.#status.progress(event.done, event.total);
        break;
      case 'check-result':
        break;
    }
  }

  #setAppState(state: AppState, message?: string): void {
    this.#appState = state;
    const run = this.#button('run');
    const running = state === 'running' || state === 'starting';
    run.textContent = running ? 'Stop' : 'Run';
    this.#root.dataset.appState = state;
    const texts: Partial<Record<AppState, [string, 'info' | 'busy' | 'ok' | 'error']>> = {
      booting: ['Booting the WebContainer…', 'busy'],
      installing: [message ?? 'Installing packages…', 'busy'],
      starting: ['Starting your app…', 'busy'],
      running: [
        `Your app is running on port ${this.#port ?? '?'}. Send it requests from the Request tab.`,
        'ok',
      ],
      stopped: ['Your app is stopped. Run starts it again.', 'info'],
      crashed: [message ?? 'Your app crashed; its output is in Logs.', 'error'],
      exited: [message ?? 'Your app exited by itself; its output is in Logs.', 'error'],
      timeout: [message ?? 'Your app ran past its time limit and was stopped.', 'error'],
      'output-limit': [
        message ?? 'Your app printed too much and was stopped; is something logging in a loop?',
        'error',
      ],
      error: [message ?? 'Something went wrong in the runtime.', 'error'],
    };
    const text = texts[state];
    if (text && !this.#checking) this.#status.set(...text);
    if (state === 'crashed' || state === 'exited' || state === 'timeout' || state === 'output-limit') {
      this.#logs.append(`\n${text?.[0] ?? state}\n`, 'system');
    }
  }
}
