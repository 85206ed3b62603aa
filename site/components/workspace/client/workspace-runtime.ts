/**
 * Connects the workspace to the runtime the page chose and drives it: edits are pushed to it after a
 * short pause (and all at once before Run and Check), Run/Stop and Check go through it, and its
 * events feed the Logs panel, the Run button and the status line. A running app restarts with the
 * learner's latest code a moment after they stop typing, and before a request is sent to it, so the
 * Request tab never silently answers from code that is no longer in the editor.
 */
import type { ResultsDocument } from '../../../../grader/src/schemas.ts';
import { readProgress, recordCheck } from '../../../lib/progress/progress-store.ts';
import type {
  AppState,
  ExerciseBundle,
  FileMap,
  HttpReply,
  HttpRequest,
  Runtime,
  RuntimeChoice,
  RuntimeEvent,
} from '../../../runtime/index.ts';
import { markTasks } from './instruction-marks.ts';
import type { LogsPanel } from './logs-panel.ts';
import type { PanelTabs } from './panel-tabs.ts';
import type { ResultsPanel } from './results-panel.ts';
import type { RuntimeNotice } from './runtime-notice.ts';
import type { StatusLine } from './status-line.ts';

const PUSH_DELAY_MS = 250;
/** How long the learner pauses typing before a running app restarts with their edits. */
const RESTART_DELAY_MS = 1000;
/** How long a request waits for a restarting app to listen again. */
const START_WAIT_MS = 20_000;
/** App states after which an edit restarts the app: it was running, or it crashed from an edit. */
const RESTARTABLE: ReadonlySet<AppState | 'none'> = new Set(['running', 'starting', 'crashed', 'exited']);

export interface WorkspaceRuntimeOptions {
  root: HTMLElement;
  slug: string;
  status: StatusLine;
  panels: PanelTabs;
  logs: LogsPanel;
  results: ResultsPanel;
  /** Author preview: checks are not recorded in the learner's progress. */
  preview: boolean;
  /** The learner's files as they are now. */
  files: () => FileMap;
  /** Saves the workspace without announcing it (Check saves as it starts). */
  save: () => void;
  storageError: (error: unknown) => void;
  notice: RuntimeNotice;
  /** A Check finished: the files it checked and what it found (kept as a version). */
  checked?: (files: FileMap, results: ResultsDocument) => void;
}

export class WorkspaceRuntime {
  #options: WorkspaceRuntimeOptions;
  #root: HTMLElement;
  #status: StatusLine;
  #runtime: Runtime | undefined;
  #appState: AppState | 'none' = 'none';
  #port: number | undefined;
  #checking = false;
  #lastResults: ResultsDocument | undefined;
  #pushTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #pushes = new Set<Promise<void>>();
  /** Bumped by every change to the learner's files; the running app ran `#runningGeneration`. */
  #generation = 0;
  #runningGeneration: number | undefined;
  /** The learner pressed Run and not Stop since: edits restart the app. */
  #wantRunning = false;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  #restarting = false;
  #stateWaiters = new Set<() => void>();

  constructor(options: WorkspaceRuntimeOptions) {
    this.#options = options;
    this.#root = options.root;
    this.#status = options.status;
  }

  /** The runtime once it is ready; undefined before, and on a page where code cannot run. */
  get current(): Runtime | undefined {
    return this.#runtime;
  }

  /**
   * Sends a request from the Request panel to the learner's app, restarting it first when the editor
   * holds code it does not run yet (and waiting for it to listen).
   */
  async request(request: HttpRequest): Promise<HttpReply> {
    const runtime = this.#runtime;
    if (!runtime) throw new Error('Your code cannot run on this page: see the message above.');
    if (this.runsOlderCode()) await this.restart();
    await this.#whenStarted();
    return runtime.request(request);
  }

  /** The app runs, but not the code in the editor: edits came after it started. */
  runsOlderCode(): boolean {
    return (
      this.#wantRunning &&
      RESTARTABLE.has(this.#appState) &&
      this.#runningGeneration !== undefined &&
      this.#runningGeneration !== this.#generation
    );
  }

  /** Restarts the running app with the learner's latest files. */
  async restart(): Promise<void> {
    const runtime = this.#runtime;
    clearTimeout(this.#restartTimer);
    this.#restartTimer = undefined;
    if (!runtime) return;
    this.#restarting = true;
    try {
      const generation = this.#generation;
      await this.flush();
      this.#options.logs.append('\n— Restarting with the code in the editor —\n', 'system');
      this.#setAppState('starting');
      this.#runningGeneration = generation;
      await runtime.run();
    } catch (error) {
      this.#restarting = false;
      this.#status.set((error as Error).message, 'error');
    }
  }

  /** Resolves once the app is no longer starting (running, crashed, stopped…), or after a while. */
  #whenStarted(): Promise<void> {
    if (this.#appState !== 'starting') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#stateWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, START_WAIT_MS);
      this.#stateWaiters.add(done);
    });
  }

  /** Reset deletes the app's data, which stops it: it stays stopped, whatever edits came just before. */
  async resetData(): Promise<void> {
    this.#wantRunning = false;
    clearTimeout(this.#restartTimer);
    this.#restartTimer = undefined;
    await this.#runtime?.resetData();
  }

  origin(): string {
    return `http://localhost:${this.#port ?? 3000}`;
  }

  /**
   * Takes the page's runtime choice: opens a session with the learner's files (or adopts the one
   * opened while the editor loaded), then enables Run, Check and Reset.
   */
  async connect(choice: RuntimeChoice, openedEarly: Promise<FileMap | undefined>): Promise<void> {
    const badge = this.#root.querySelector<HTMLElement>('[data-runtime-badge]')!;
    if (!choice.runtime) {
      badge.textContent = 'Runtime: none';
      badge.dataset.runtime = 'none';
      this.#root.dataset.runtime = 'none';
      this.#options.notice.show(choice.reason, true);
      if (choice.canUseLocal)
        this.#offerSwitch(
          'auto',
          'Use the local runner',
          'Reload this page with your code running on this computer, through npm start',
        );
      this.#status.set(
        'Your code cannot run on this page: see the message above. Your edits are still saved.',
        'error',
      );
      return;
    }
    const runtime = choice.runtime;
    badge.textContent = `Runtime: ${runtime.label}`;
    badge.dataset.runtime = runtime.kind;
    if (choice.notice) this.#options.notice.show(choice.notice, false);
    if (choice.canTryWebContainer)
      this.#offerSwitch(
        'webcontainer',
        'Try in-browser',
        'Reload this page with your code running in this browser (a WebContainer, as on the hosted site; needs internet)',
      );
    // Listen before open(): a WebContainer reports booting and installing while it opens.
    runtime.on((event) => this.#onRuntimeEvent(event));
    try {
      this.#status.set(`Preparing your workspace on the ${runtime.label.toLowerCase()}…`, 'busy');
      const opened = await this.#adopt(runtime, openedEarly);
      // Edits, new files, renames and deletions made while the runtime was being prepared.
      await this.#syncSince(runtime, opened);
    } catch (error) {
      this.#status.set(`Your workspace could not be prepared: ${(error as Error).message}`, 'error');
      return;
    }
    this.#runtime = runtime;
    for (const action of ['run', 'check', 'reset']) this.#button(action).disabled = false;
    this.#root.dataset.runtimeReady = 'true';
    performance.mark('kitchen:runtime-ready');
    this.#appState = 'ready';
    this.#status.set('Ready. Run starts your app; Check (Ctrl+Enter) tests it.', 'info');
  }

  /** Shows the link that reloads the page on the other runtime (`?runtime=`). */
  #offerSwitch(to: 'webcontainer' | 'auto', label: string, title: string): void {
    const button = this.#button('switch-runtime');
    button.dataset.switchTo = to;
    button.textContent = label;
    button.title = title;
    button.hidden = false;
  }

  /**
   * Opens the chosen runtime's session, or takes the one opened while the editor loaded. Returns the
   * files the session was opened with, so the caller can send what changed since.
   */
  async #adopt(runtime: Runtime, openedEarly: Promise<FileMap | undefined>): Promise<FileMap> {
    const early = await openedEarly.catch(() => undefined);
    if (early) return early;
    // Not opened yet (a WebContainer reports its progress while opening), or the early open failed
    // (e.g. the runner restarted): a second try says what is wrong.
    const files = { ...this.#options.files() };
    await runtime.open({ exercise: this.#options.slug, files });
    return files;
  }

  async #syncSince(runtime: Runtime, opened: FileMap): Promise<void> {
    for (const path of Object.keys(opened)) {
      if (!(path in this.#options.files())) await runtime.deleteFile(path).catch(() => undefined);
    }
    for (const [path, content] of Object.entries(this.#options.files())) {
      if (opened[path] !== content) await runtime.writeFile(path, content);
    }
  }

  // ——— edits ———

  /** The learner changed `path`: it is pushed to the runtime after a short pause. */
  edited(path: string): void {
    this.changed();
    clearTimeout(this.#pushTimers.get(path));
    this.#pushTimers.set(
      path,
      setTimeout(() => {
        this.#pushTimers.delete(path);
        this.#push(path);
      }, PUSH_DELAY_MS),
    );
  }

  /**
   * The learner's files changed (an edit, a new, renamed or deleted file, a Reset): a running app
   * restarts with them once the learner pauses.
   */
  changed(): void {
    this.#generation += 1;
    if (!this.#wantRunning || !RESTARTABLE.has(this.#appState)) return;
    clearTimeout(this.#restartTimer);
    this.#restartTimer = setTimeout(() => void this.restart(), RESTART_DELAY_MS);
    if (!this.#checking)
      this.#status.set('Your app restarts with your changes when you pause typing…', 'busy');
  }

  /** Drops pending pushes: the files they would send were replaced and written in full. */
  cancelPushes(): void {
    this.#pushTimers.forEach((timer) => clearTimeout(timer));
    this.#pushTimers.clear();
  }

  #push(path: string): void {
    const files = this.#options.files();
    if (!this.#runtime || !(path in files)) return;
    const push = this.#runtime.writeFile(path, files[path]!).catch((error: unknown) => {
      this.#status.set(`Could not send ${path} to the runtime: ${(error as Error).message}`, 'error');
    });
    this.#pushes.add(push);
    void push.finally(() => this.#pushes.delete(push));
  }

  /** Sends every pending edit to the runtime and waits for it: Run and Check must see the latest code. */
  async flush(): Promise<void> {
    for (const [path, timer] of this.#pushTimers) {
      clearTimeout(timer);
      this.#push(path);
    }
    this.#pushTimers.clear();
    await Promise.all(this.#pushes);
  }

  // ——— run, check, events ———

  async toggleRun(): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) return;
    const running = this.#appState === 'running' || this.#appState === 'starting';
    try {
      if (running) {
        this.#wantRunning = false;
        clearTimeout(this.#restartTimer);
        this.#restartTimer = undefined;
        this.#status.set('Stopping your app…', 'busy');
        await runtime.stop();
        this.#setAppState('stopped');
      } else {
        this.#wantRunning = true;
        const generation = this.#generation;
        await this.flush();
        this.#options.logs.clear();
        this.#options.panels.select('logs');
        this.#setAppState('starting');
        this.#runningGeneration = generation;
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
      await this.flush();
      const files = { ...this.#options.files() };
      this.#options.save();
      this.#options.panels.select('results');
      this.#options.panels.reveal();
      this.#options.results.checking();
      this.#status.set('Checking your code…', 'busy');
      this.#status.progress(0, 0);
      const results = await runtime.check();
      this.#showResults(results, performance.now() - started);
      this.#options.checked?.(files, results);
    } catch (error) {
      this.#options.results.error(`The check could not run: ${(error as Error).message}`);
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
    this.#options.results.render(results);
    markTasks(results.tasks);
    this.#button('solution').hidden = false;
    const passed = results.tasks.filter((t) => t.status === 'pass').map((t) => t.id);
    if (!this.#options.preview)
      void recordCheck(this.#options.slug, passed, results.tasks.length, results.status === 'pass').catch(
        (error: unknown) => this.#options.storageError(error),
      );
    const seconds = (elapsedMs / 1000).toFixed(1);
    if (results.status === 'pass')
      this.#status.set(
        `Checked in ${seconds} s: ${results.tasks.length === 1 ? 'the task passes' : `all ${results.tasks.length} tasks pass`}. Exercise done!`,
        'ok',
      );
    else if (results.status === 'error')
      this.#status.set(`Checked in ${seconds} s: the tests could not run. See Results.`, 'error');
    else
      this.#status.set(
        `Checked in ${seconds} s: ${passed.length} of ${results.tasks.length} ${results.tasks.length === 1 ? 'task passes' : 'tasks pass'}. See Results.`,
        'error',
      );
    this.#root.dataset.lastCheck = results.status;
  }

  /** A learner who checked before (in an earlier visit) keeps their ticks and the Solution button. */
  restoreEarlierChecks(tasks: ExerciseBundle['tasks']): void {
    void readProgress()
      .then((progress) => {
        const mine = progress[this.#options.slug];
        if (!mine || this.#lastResults) return;
        if (mine.checks > 0) this.#button('solution').hidden = false;
        markTasks(
          tasks.map((task) => ({
            id: task.id,
            status: mine.tasksPassed.includes(task.id) ? 'pass' : 'fail',
          })),
        );
      })
      .catch((error: unknown) => this.#options.storageError(error));
  }

  firstUnfinishedTask(): string | undefined {
    return this.#lastResults?.tasks.find((t) => t.status !== 'pass')?.id;
  }

  #onRuntimeEvent(event: RuntimeEvent): void {
    switch (event.type) {
      case 'output':
        this.#options.logs.append(event.data, event.stream);
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
    // A restart stops the app on its way: that is not news for the status line.
    if (this.#restarting && state === 'stopped' && !message) return;
    const restarted = this.#restarting && state === 'running';
    if (state !== 'starting') this.#restarting = false;
    this.#appState = state;
    if (state !== 'starting') for (const resolve of [...this.#stateWaiters]) resolve();
    const run = this.#button('run');
    const running = state === 'running' || state === 'starting';
    run.textContent = running ? 'Stop' : 'Run';
    this.#root.dataset.appState = state;
    const texts: Partial<Record<AppState, [string, 'info' | 'busy' | 'ok' | 'error']>> = {
      booting: ['Booting the WebContainer…', 'busy'],
      installing: [message ?? 'Installing packages…', 'busy'],
      starting: ['Starting your app…', 'busy'],
      running: [
        restarted
          ? `Your app restarted with your latest code and runs on port ${this.#port ?? '?'}.`
          : `Your app is running on port ${this.#port ?? '?'}. Send it requests from the Request tab.`,
        'ok',
      ],
      stopped: [message ?? 'Your app is stopped. Run starts it again.', 'info'],
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
      this.#options.logs.append(`\n${text?.[0] ?? state}\n`, 'system');
    }
  }

  #button(action: string): HTMLButtonElement {
    return this.#root.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }
}
