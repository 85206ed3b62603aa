/**
 * The WebContainer in the learner's tab as a KitchenContainer (container.ts). One container per page:
 * it mounts the template and installs it once, and opening another exercise only swaps the tests and
 * the learner's files. Grading costs the host nothing.
 */
import type { ContainerProcess, KitchenContainer, PortListener, PreparedWorkspace } from './container.ts';
import { APP_PORT, REQUEST_ENTRY } from './contract.ts';
import { REQUEST_SCRIPT } from './container-request-script.ts';
import type { ExerciseBundle, TemplateBundle } from './exercise-bundle.ts';
import { readLines } from './line-splitter.ts';
import { RuntimeError, type FileMap } from './runtime.ts';
import { FULL_INSTALL, INSTALL_AFTER_PREBUILT, mountPrebuiltModules } from './template-modules.ts';
import type { DirectoryTree, WebContainerLike } from './webcontainer-api.ts';

export interface WebContainerBackendOptions {
  /** The booted container (already raced against the boot timeout by the caller). */
  container: WebContainerLike;
  loadTemplate: () => Promise<TemplateBundle>;
  /** Downloads the prebuilt node_modules (the page's fetch by default). */
  fetch?: typeof fetch;
}

/** Turns `{ "grading/http.js": "…" }` into the nested tree `mount()` wants. */
export function toDirectoryTree(files: FileMap): DirectoryTree {
  const root: DirectoryTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      const entry = (dir[part] ??= { directory: {} });
      if (!('directory' in entry))
        throw new Error(`"${path}" needs "${part}" to be a folder, but it is a file.`);
      dir = entry.directory;
    }
    dir[parts.at(-1)!] = { file: { contents } };
  }
  return root;
}

const parentOf = (path: string): string => path.split('/').slice(0, -1).join('/');

export class WebContainerBackend implements KitchenContainer {
  readonly kind = 'webcontainer' as const;
  readonly label = 'WebContainer (in your browser)';
  #container: WebContainerLike;
  #options: WebContainerBackendOptions;
  #installed: Promise<void> | undefined;
  #learnerPaths = new Set<string>();

  constructor(options: WebContainerBackendOptions) {
    this.#options = options;
    this.#container = options.container;
  }

  async prepare(
    bundle: ExerciseBundle,
    files: FileMap,
    onProgress: (message: string, output?: string) => void,
  ): Promise<PreparedWorkspace> {
    await this.#install(onProgress);
    const fs = this.#container.fs;
    // The Request panel's script, where no check deletes it (a one-shot check removes .kitchen/).
    await fs.mkdir(parentOf(REQUEST_ENTRY), { recursive: true });
    await fs.writeFile(REQUEST_ENTRY, REQUEST_SCRIPT);
    // Swap the previous exercise's files out: its tests and everything the learner wrote.
    await fs.rm('tests', { recursive: true, force: true });
    for (const path of this.#learnerPaths) await fs.rm(path, { force: true });
    this.#learnerPaths.clear();
    const tests = Object.fromEntries(Object.entries(bundle.tests).map(([p, c]) => [`tests/${p}`, c]));
    await this.#container.mount(toDirectoryTree(tests));
    await this.#container.mount(toDirectoryTree(files));
    for (const path of Object.keys(files)) this.#learnerPaths.add(path);
    return { files, editable: bundle.editable, allowNewFiles: bundle.allowNewFiles, tests: bundle.tests };
  }

  async writeFile(path: string, content: string): Promise<void> {
    const dir = parentOf(path);
    if (dir) await this.#container.fs.mkdir(dir, { recursive: true });
    await this.#container.fs.writeFile(path, content);
    this.#learnerPaths.add(path);
  }

  async removeFile(path: string): Promise<void> {
    await this.#container.fs.rm(path, { force: true });
    this.#learnerPaths.delete(path);
  }

  async renameFile(from: string, to: string): Promise<void> {
    const dir = parentOf(to);
    if (dir) await this.#container.fs.mkdir(dir, { recursive: true });
    await this.#container.fs.rename(from, to);
    this.#learnerPaths.delete(from);
    this.#learnerPaths.add(to);
  }

  listTop(): Promise<string[]> {
    return this.#container.fs.readdir('.');
  }

  async spawn(command: 'node', args: string[], options?: { env?: Record<string, string | number> }): Promise<ContainerProcess> {
    return this.#container.spawn(command, args, options?.env ? { env: options.env } : undefined);
  }

  onPort(listener: PortListener): () => void {
    // Only the app's port: a learner's app.listen(4000) of its own is not the app the workspace runs.
    return this.#container.on('port', (port, type) => {
      if (port === APP_PORT) listener(port, type);
    });
  }

  async dispose(): Promise<void> {
    // The container itself stays booted: one per page, reused by the next exercise opened here.
  }

  /**
   * Mounts the template, then its prebuilt node_modules (built with the site, template-modules.ts), and
   * runs `npm install` once per container: with the prebuilt tree in place npm only adds what it lacks
   * (the WASM sqlite3 from StackBlitz's registry); without it, the full install. Later calls wait for
   * the same install.
   */
  #install(onProgress: (message: string, output?: string) => void): Promise<void> {
    this.#installed ??= (async () => {
      const template = await this.#options.loadTemplate();
      await this.#container.mount(toDirectoryTree(template.files));
      onProgress('Preparing Express, SQLite and Vitest…');
      const prebuilt = await mountPrebuiltModules(this.#container, template, this.#options.fetch);
      if (!prebuilt.mounted) onProgress('Installing Express, SQLite and Vitest…', `Full npm install: ${prebuilt.reason}\n`);
      const process = await this.#container.spawn('npm', prebuilt.mounted ? INSTALL_AFTER_PREBUILT : FULL_INSTALL);
      void readLines(process.output, (line) => onProgress('', `${line}\n`));
      const code = await process.exit;
      if (code !== 0) {
        throw new RuntimeError(
          'INSTALL_FAILED',
          `npm install failed in the WebContainer (exit code ${code}); its output is in Logs.`,
        );
      }
    })();
    this.#installed.catch(() => {
      // A failed install may be retried (a network hiccup), so forget it.
      this.#installed = undefined;
    });
    return this.#installed;
  }
}
