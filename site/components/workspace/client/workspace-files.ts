/**
 * The learner's files and tabs: the file tree, opening and closing tabs, creating, renaming and
 * deleting files, and replacing them all at once. Each change reaches the editor, the runtime (when
 * one is ready) and the saved state.
 */
import type { WorkspaceState } from '../../../lib/progress/workspace-store.ts';
import type { ExerciseBundle, FileMap } from '../../../runtime/index.ts';
import { extensionOf, learnerPathProblem, NEW_FILE_EXTENSIONS } from '../../../runtime/learner-path.ts';
import type { CodeEditor } from './editor.ts';
import type { FileTree } from './file-tree.ts';
import type { StatusLine } from './status-line.ts';
import type { WorkspacePersistence } from './workspace-persistence.ts';
import type { WorkspaceRuntime } from './workspace-runtime.ts';

/**
 * Why `name` cannot be a new learner file, or undefined: the runtimes' path rule (learner-path.ts),
 * a file type the runner accepts, outside tests/, and not a file the learner already has.
 */
export function newFileProblem(name: string, files: Readonly<Record<string, string>>): string | undefined {
  const problem = learnerPathProblem(name);
  if (problem) return problem.message;
  if (!NEW_FILE_EXTENSIONS.includes(extensionOf(name))) {
    return `"${name}" cannot be used: end the name in one of ${NEW_FILE_EXTENSIONS.join(' ')}.`;
  }
  if (name.startsWith('tests/')) return `"${name}" cannot be used: tests/ holds the exercise's tests.`;
  if (name in files) return `"${name}" already exists: pick another name.`;
  return undefined;
}

/** The exercise's tests, read-only in the editor, under `tests/`. */
export function testFiles(bundle: ExerciseBundle): FileMap {
  return Object.fromEntries(
    Object.entries(bundle.tests).map(([path, content]) => [`tests/${path.replace(/^tests\//, '')}`, content]),
  );
}

export interface WorkspaceFilesOptions {
  bundle: ExerciseBundle;
  state: WorkspaceState;
  tree: FileTree;
  editor: CodeEditor;
  status: StatusLine;
  runtime: WorkspaceRuntime;
  persistence: WorkspacePersistence;
  /** Called when a file is opened while the solution diff is shown. */
  closeSolution: () => void;
  /** Keeps the files as a version before a file is deleted. */
  keepVersion: (label: string) => Promise<void>;
}

export class WorkspaceFiles {
  #bundle: ExerciseBundle;
  #state: WorkspaceState;
  #tree: FileTree;
  #editor: CodeEditor;
  #status: StatusLine;
  #runtime: WorkspaceRuntime;
  #persistence: WorkspacePersistence;
  #closeSolution: () => void;
  #keepVersion: (label: string) => Promise<void>;

  constructor(options: WorkspaceFilesOptions) {
    this.#bundle = options.bundle;
    this.#state = options.state;
    this.#tree = options.tree;
    this.#editor = options.editor;
    this.#status = options.status;
    this.#runtime = options.runtime;
    this.#persistence = options.persistence;
    this.#closeSolution = options.closeSolution;
    this.#keepVersion = options.keepVersion;
  }

  render(): void {
    this.#tree.render({
      learnerFiles: Object.keys(this.#state.files).sort(
        (a, b) => this.#order(a) - this.#order(b) || a.localeCompare(b),
      ),
      testFiles: Object.keys(testFiles(this.#bundle)),
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

  open(path: string): void {
    if (this.#editor.diffShown) this.#closeSolution();
    if (!this.#state.openTabs.includes(path)) this.#state.openTabs.push(path);
    this.#state.activeFile = path;
    this.#editor.show(path);
    this.render();
    this.#persistence.scheduleSave();
  }

  closeTab(path: string): void {
    const tabs = this.#state.openTabs.filter((p) => p !== path);
    if (!tabs.length) return;
    this.#state.openTabs = tabs;
    if (this.#state.activeFile === path) this.open(tabs.at(-1)!);
    else this.render();
    this.#persistence.scheduleSave();
  }

  async create(): Promise<void> {
    const name = prompt('New file name (for example "routes/menu.js"):')?.trim();
    if (!name) return;
    const problem = newFileProblem(name, this.#state.files);
    if (problem) {
      alert(problem);
      return;
    }
    this.#state.files[name] = '';
    this.#runtime.changed();
    this.#editor.setFile(name, '');
    await this.#runtime.current
      ?.writeFile(name, '')
      .catch((error: unknown) => this.#status.set((error as Error).message, 'error'));
    this.open(name);
  }

  async rename(path: string): Promise<void> {
    const name = prompt(`Rename ${path} to:`, path)?.trim();
    if (!name || name === path) return;
    const problem = newFileProblem(name, this.#state.files);
    if (problem) {
      alert(problem);
      return;
    }
    await this.#runtime.flush();
    this.#runtime.changed();
    this.#state.files[name] = this.#state.files[path]!;
    delete this.#state.files[path];
    this.#editor.renameFile(path, name);
    this.#state.openTabs = this.#state.openTabs.map((p) => (p === path ? name : p));
    if (this.#state.activeFile === path) this.#state.activeFile = name;
    await this.#runtime.current
      ?.renameFile(path, name)
      .catch((error: unknown) => this.#status.set((error as Error).message, 'error'));
    this.open(this.#state.activeFile);
  }

  async delete(path: string): Promise<void> {
    if (!confirm(`Delete ${path}? Versions keeps your files as they are now, with it.`)) return;
    await this.#keepVersion(`before deleting ${path}`);
    delete this.#state.files[path];
    this.#runtime.changed();
    this.#editor.removeFile(path);
    this.#state.openTabs = this.#state.openTabs.filter((p) => p !== path);
    if (!this.#state.openTabs.length) this.#state.openTabs = [this.#bundle.editable[0]!];
    await this.#runtime.current
      ?.deleteFile(path)
      .catch((error: unknown) => this.#status.set((error as Error).message, 'error'));
    this.open(this.#state.activeFile === path ? this.#state.openTabs[0]! : this.#state.activeFile);
  }

  /**
   * Replaces every learner file with `files` (Reset, restore, "Use the solution"), in editor and
   * runtime. False when the runtime refused a file: the editor holds them all and the status says which.
   */
  async replaceAll(files: FileMap): Promise<boolean> {
    await this.#runtime.flush();
    const removed = Object.keys(this.#state.files).filter((path) => !(path in files));
    for (const path of removed) this.#editor.removeFile(path);
    this.#state.files = { ...files };
    for (const [path, content] of Object.entries(files)) this.#editor.setFile(path, content);
    this.#state.openTabs = this.#state.openTabs.filter((p) => p in files || p.startsWith('tests/'));
    if (!this.#state.openTabs.length) this.#state.openTabs = [this.#bundle.editable[0]!];
    if (!this.#state.openTabs.includes(this.#state.activeFile))
      this.#state.activeFile = this.#state.openTabs[0]!;
    this.open(this.#state.activeFile);
    // Saved before the runtime catches up: a reload in between (astro dev reloads pages as sources
    // change) then shows what the learner sees now, not the files from before.
    await this.#persistence.saveNow(false);
    for (const path of removed) await this.#runtime.current?.deleteFile(path).catch(() => undefined);
    let refused: string | undefined;
    for (const [path, content] of Object.entries(files)) {
      await this.#runtime.current?.writeFile(path, content).catch((error: unknown) => {
        refused ??= `Could not send ${path} to the runtime: ${(error as Error).message}`;
      });
    }
    this.#runtime.cancelPushes();
    this.#runtime.changed();
    if (refused) this.#status.set(refused, 'error');
    return !refused;
  }
}
