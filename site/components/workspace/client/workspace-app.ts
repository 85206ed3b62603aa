/**
 * The exercise workspace, wired together: it restores the learner's files, opens the editor, picks a
 * runtime, and connects the toolbar, file tree, panels and status line to it. The work itself lives
 * in the modules beside this one: persistence, runtime, files, and the versions (Reset, Solution).
 */
import { readProgress } from '../../../lib/progress/progress-store.ts';
import type { WorkspaceState } from '../../../lib/progress/workspace-store.ts';
import {
  choosePageRuntime,
  urlWithRuntime,
  loadExerciseBundle,
  type ExerciseBundle,
  type FileMap,
} from '../../../runtime/index.ts';
import { isSolutionPreview } from './file-source.ts';
import { FileTree } from './file-tree.ts';
import { HintsController } from './hints.ts';
import { LogsPanel } from './logs-panel.ts';
import { nextStepsElement, readNextSteps } from './next-steps.ts';
import { PanelSplitter } from './panel-splitter.ts';
import { PanelTabs } from './panel-tabs.ts';
import { RequestPanel } from './request-panel.ts';
import { ResultsPanel } from './results-panel.ts';
import { RuntimeNotice } from './runtime-notice.ts';
import { StatusLine } from './status-line.ts';
import { testFiles, WorkspaceFiles } from './workspace-files.ts';
import { WorkspacePersistence } from './workspace-persistence.ts';
import { WorkspaceRuntime } from './workspace-runtime.ts';
import { WorkspaceVersions } from './workspace-versions.ts';

export async function startWorkspace(root: HTMLElement): Promise<void> {
  const workspace = new Workspace(root);
  (window as unknown as { kitchenWorkspace?: Workspace }).kitchenWorkspace = workspace;
  await workspace.start();
}

class Workspace {
  #root: HTMLElement;
  #slug: string;
  /** Author preview (`?files=solution` in dev): the solution is loaded and nothing is saved. */
  #preview: boolean;
  #status: StatusLine;
  #request: RequestPanel;
  #hints: HintsController;
  #tree: FileTree;
  #persistence: WorkspacePersistence;
  #runtime: WorkspaceRuntime;
  #notice: RuntimeNotice;
  #bundle!: ExerciseBundle;
  #state!: WorkspaceState;
  #files: WorkspaceFiles | undefined;
  #versions: WorkspaceVersions | undefined;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#slug = root.dataset.exercise!;
    this.#preview = isSolutionPreview(location.search, import.meta.env.DEV);
    this.#status = new StatusLine(root);
    const panels = new PanelTabs(root);
    new PanelSplitter(root);
    this.#notice = new RuntimeNotice(root);
    const logs = new LogsPanel(root);
    this.#persistence = new WorkspacePersistence({
      root,
      slug: this.#slug,
      status: this.#status,
      preview: this.#preview,
    });
    this.#hints = new HintsController((shown) => {
      this.#state.hintsShown = shown;
      this.#persistence.scheduleSave();
    });
    const nextSteps = readNextSteps(root);
    const results = new ResultsPanel(root, {
      hintFor: (taskId) => (this.#hints.has(taskId) ? () => this.#hints.reveal(taskId) : undefined),
      nextSteps:
        nextSteps &&
        (async () => nextStepsElement(nextSteps, await readProgress().catch(() => ({})), this.#slug)),
      tryRequest: (request) => {
        panels.select('request');
        this.#request.prefill(request);
      },
    });
    this.#runtime = new WorkspaceRuntime({
      root,
      slug: this.#slug,
      status: this.#status,
      panels,
      logs,
      results,
      preview: this.#preview,
      files: () => this.#state.files,
      save: () => void this.#persistence.saveNow(false),
      storageError: (error) => this.#persistence.storageError(error),
      notice: this.#notice,
      checked: (files, results) => void this.#versions?.recordCheck(files, results),
    });
    this.#request = new RequestPanel(root, {
      send: (request) => this.#runtime.request(request),
      origin: () => this.#runtime.origin(),
      onRecentChange: (recent) => {
        this.#state.recentRequests = recent;
        this.#persistence.scheduleSave();
      },
      knownFiles: () => [...Object.keys(this.#state.files), ...Object.keys(testFiles(this.#bundle))],
      runsOlderCode: () => this.#runtime.runsOlderCode(),
      restart: () => this.#runtime.restart(),
    });
    this.#tree = new FileTree(root, {
      onOpen: (path) => this.#files?.open(path),
      onCreate: () => void this.#files?.create(),
      onRename: (path) => void this.#files?.rename(path),
      onDelete: (path) => void this.#files?.delete(path),
      onCloseTab: (path) => this.#files?.closeTab(path),
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
    // The runtime is chosen at once; a local one opens its session with the learner's files (bundle +
    // IndexedDB, below) while Monaco loads. Edits made before it is ready are synced on connect.
    let filesReady!: (files: FileMap) => void;
    const learnerFilesReady = new Promise<FileMap>((resolve) => (filesReady = resolve));
    const runtimeChoice = choosePageRuntime({
      onProgress: (message) => {
        if (!this.#runtime.current) this.#status.set(message, 'busy');
      },
    });
    const openedEarly = runtimeChoice.then(async (choice) => {
      if (choice.runtime?.kind !== 'local') return undefined;
      const files = { ...(await learnerFilesReady) };
      await choice.runtime.open({ exercise: this.#slug, files });
      return files;
    });
    // connect() reads a failure from it (and opens again, to say what is wrong).
    openedEarly.catch(() => undefined);
    const editorModule = import('./editor.ts');
    let bundle: ExerciseBundle;
    let saved: WorkspaceState | undefined;
    try {
      [bundle, saved] = await Promise.all([
        loadExerciseBundle(this.#slug),
        this.#persistence.load(),
      ]);
    } catch (error) {
      this.#status.set(`${(error as Error).message} Reload the page to try again.`, 'error');
      return;
    }
    this.#bundle = bundle;
    const restored = this.#persistence.restore(bundle, saved);
    const state = (this.#state = restored.state);
    if (this.#preview) this.#show('[data-preview-banner]');
    else if (restored.starterChanged && import.meta.env.DEV) this.#show('[data-starter-changed]');
    this.#hints.restore(state.hintsShown);
    this.#request.setRecent(state.recentRequests);
    filesReady(state.files);

    const { CodeEditor } = await editorModule;
    const host = this.#root.querySelector<HTMLElement>('[data-editor-host]')!;
    host.querySelector('[data-editor-loading]')?.remove();
    const editor = new CodeEditor(host, {
      onChange: (path, content) => this.#edited(path, content),
      onSave: () => void this.#saveNow(true),
      onCheck: () => void this.check(),
    });
    this.#persistence.trackCursors(() => editor.cursors());
    for (const [path, content] of Object.entries(state.files)) editor.setFile(path, content);
    for (const [path, content] of Object.entries(testFiles(bundle)))
      editor.setFile(path, content, { readOnly: true });
    editor.setCursors(state.cursors);
    const shared = { bundle, state, editor, status: this.#status, persistence: this.#persistence };
    const files: WorkspaceFiles = new WorkspaceFiles({
      ...shared,
      tree: this.#tree,
      runtime: this.#runtime,
      closeSolution: () => versions.closeSolution(),
      keepVersion: (label: string): Promise<void> => versions.keepCurrent(label),
    });
    const versions: WorkspaceVersions = new WorkspaceVersions({
      ...shared,
      root: this.#root,
      slug: this.#slug,
      files,
      preview: this.#preview,
      resetData: () => this.#runtime.resetData(),
    });
    this.#files = files;
    this.#versions = versions;
    files.render();
    editor.show(state.activeFile);
    this.#root.dataset.editorReady = 'true';
    performance.mark('kitchen:editor-ready');
    this.#wireControls(versions);

    await this.#runtime.connect(await runtimeChoice, openedEarly);
  }

  toggleRun(): Promise<void> {
    return this.#runtime.toggleRun();
  }

  check(): Promise<void> {
    return this.#runtime.check();
  }

  #show(selector: string): void {
    this.#root.querySelector<HTMLElement>(selector)!.hidden = false;
  }

  #edited(path: string, content: string): void {
    if (this.#state.files[path] === content) return;
    this.#state.files[path] = content;
    this.#runtime.edited(path);
    this.#persistence.edited(this.#bundle.tasks.length);
  }

  /** An announced save (Ctrl/Cmd+S) also sends pending edits to the runtime. */
  async #saveNow(announce: boolean): Promise<void> {
    await this.#persistence.saveNow(announce);
    if (announce) void this.#runtime.flush();
  }

  #wireControls(versions: WorkspaceVersions): void {
    this.#button('run').addEventListener('click', () => void this.toggleRun());
    this.#button('check').addEventListener('click', () => void this.check());
    this.#button('reset').addEventListener('click', () => void versions.reset());
    this.#button('reset-to-starter').addEventListener('click', () => void versions.reset());
    this.#button('restore').addEventListener('click', () => void versions.restorePrevious());
    this.#button('hints').addEventListener('click', () =>
      this.#hints.open(this.#runtime.firstUnfinishedTask()),
    );
    this.#button('solution').addEventListener('click', () => versions.showSolution());
    this.#button('close-solution').addEventListener('click', () => versions.closeSolution());
    this.#button('use-solution').addEventListener('click', () => void versions.useSolution());
    this.#button('switch-runtime').addEventListener('click', (event) => {
      const target = (event.currentTarget as HTMLElement).dataset.switchTo;
      // A page boots at most one WebContainer, so switching means a fresh page; pagehide saves.
      if (target === 'webcontainer' || target === 'auto')
        location.assign(urlWithRuntime(location.href, target));
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
    this.#persistence.saveWhenHidden();
    this.#runtime.restoreEarlierChecks(this.#bundle.tasks);
  }
}
