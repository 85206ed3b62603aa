/**
 * The small interface ContainerRuntime (container-runtime.ts) runs an exercise on: files, `node`
 * processes with an output stream and an exit code, kill, and "the app's port is open". Two backends:
 * - WebContainerBackend (webcontainer-backend.ts): the real `@webcontainer/api` instance in the tab;
 * - LocalContainer (local-container.ts): the local runner that `npm start` serves, which runs the same
 *   operations in its sandbox (node only, the template's own entry scripts only, its limits and queue).
 * Everything an exercise does (mounting, running the app, sending a request, checking, results and
 * error codes) is written once, over this.
 */
import type { ExerciseBundle } from './exercise-bundle.ts';
import type { AppStatus } from './contract.ts';
import type { FileMap, RuntimeKind } from './runtime.ts';

export interface ContainerProcess {
  /** Resolves with the exit code once the process ended. */
  exit: Promise<number>;
  /** Its output as text: stdout, and stderr too where the container merges them (a WebContainer). */
  output: ReadableStream<string>;
  /** Its stderr apart, where the container keeps it apart (the local runner): Logs shows it as errors. */
  errors?: ReadableStream<string>;
  /** Its stdin (the harness in --serve mode takes a check per line). */
  input: WritableStream<string>;
  kill(): void;
  /** The container's own word on why the process ended, where it has one (a limit, an endless loop…). */
  readonly status?: AppStatus;
}

/** A workspace prepared for one exercise: what the learner may edit and the read-only tests. */
export interface PreparedWorkspace {
  files: FileMap;
  editable: string[];
  allowNewFiles: boolean;
  tests: FileMap;
}

export interface ContainerSpawnOptions {
  /** Variables for the process (a container that picks the app's port itself ignores PORT). */
  env?: Record<string, string | number>;
}

export type PortListener = (port: number, state: 'open' | 'close') => void;

export interface KitchenContainer {
  readonly kind: RuntimeKind;
  /** Shown to the learner, e.g. "Local runner" or "WebContainer (in your browser)". */
  readonly label: string;
  /**
   * Makes the container hold the template (installed), this exercise's tests and the learner's files,
   * and nothing of a previous exercise. Status lines while it works go to `onProgress`.
   */
  prepare(
    bundle: ExerciseBundle,
    files: FileMap,
    onProgress: (message: string, output?: string) => void,
  ): Promise<PreparedWorkspace>;
  writeFile(path: string, content: string): Promise<void>;
  removeFile(path: string): Promise<void>;
  renameFile(from: string, to: string): Promise<void>;
  /** Names in the workspace's top folder. */
  listTop(): Promise<string[]>;
  /** Runs `command args` in the workspace; only `node` with an entry script of the template is asked for. */
  spawn(command: 'node', args: string[], options?: ContainerSpawnOptions): Promise<ContainerProcess>;
  /** The app's port (or socket) opening and closing. */
  onPort(listener: PortListener): () => void;
  dispose(): Promise<void>;
}
