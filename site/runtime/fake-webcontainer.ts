/**
 * A stand-in for `@webcontainer/api`'s WebContainer, implementing only the surface WebContainerBackend
 * uses (see webcontainer-api.ts). A real container cannot boot without StackBlitz's servers, so the
 * unit tests script the processes here: each spawned command is answered by a handler.
 */
import type {
  DirectoryTree,
  WebContainerLike,
  WebContainerProcess,
  WebContainerSpawnOptions,
} from './webcontainer-api.ts';

export interface FakeProcessControl {
  write(text: string): void;
  exit(code: number): void;
  /** Called with each chunk the process's stdin receives. */
  onInput(listener: (text: string) => void): void;
  readonly killed: boolean;
}

export type SpawnHandler = (
  control: FakeProcessControl,
  args: string[],
  options: WebContainerSpawnOptions | undefined,
) => void | Promise<void>;

export class FakeWebContainer implements WebContainerLike {
  files = new Map<string, string>();
  spawned: Array<{ command: string; args: string[]; options?: WebContainerSpawnOptions }> = [];
  handlers = new Map<string, SpawnHandler>();
  #portListeners = new Set<(port: number, type: 'open' | 'close', url: string) => void>();

  fs = {
    readFile: async (path: string): Promise<string> => {
      const content = this.files.get(path);
      if (content === undefined) throw new Error(`ENOENT: ${path}`);
      return content;
    },
    writeFile: async (path: string, data: string): Promise<void> => {
      this.files.set(path, data);
    },
    mkdir: async (path: string): Promise<string> => path,
    readdir: async (path: string): Promise<string[]> => {
      const prefix = path === '.' || path === '' ? '' : `${path.replace(/\/$/, '')}/`;
      const names = new Set<string>();
      for (const key of this.files.keys())
        if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split('/')[0]!);
      return [...names];
    },
    rm: async (path: string): Promise<void> => {
      for (const key of [...this.files.keys()]) {
        if (key === path || key.startsWith(`${path}/`)) this.files.delete(key);
      }
    },
    rename: async (from: string, to: string): Promise<void> => {
      const content = this.files.get(from);
      if (content === undefined) throw new Error(`ENOENT: ${from}`);
      this.files.delete(from);
      this.files.set(to, content);
    },
  };

  on(_event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void {
    this.#portListeners.add(listener);
    return () => this.#portListeners.delete(listener);
  }

  openPort(port: number, type: 'open' | 'close' = 'open'): void {
    for (const listener of this.#portListeners) listener(port, type, `https://fake--${port}.local`);
  }

  /** Snapshots mounted as bytes (the prebuilt node_modules), with their mount point. */
  snapshots: Array<{ bytes: number; mountPoint?: string }> = [];

  async mount(tree: DirectoryTree | Uint8Array | ArrayBuffer, options?: { mountPoint?: string }): Promise<void> {
    if (tree instanceof Uint8Array || tree instanceof ArrayBuffer) {
      this.snapshots.push({ bytes: tree.byteLength, mountPoint: options?.mountPoint });
      return;
    }
    this.#mountTree(tree, options?.mountPoint ? `${options.mountPoint}/` : '');
  }

  #mountTree(tree: DirectoryTree, prefix: string): void {
    for (const [name, node] of Object.entries(tree)) {
      if ('file' in node) this.files.set(`${prefix}${name}`, node.file.contents);
      else this.#mountTree(node.directory, `${prefix}${name}/`);
    }
  }

  /** Answers `command` (and, if given, its first argument) with `handler`. */
  handle(key: string, handler: SpawnHandler): void {
    this.handlers.set(key, handler);
  }

  async spawn(command: string, args: string[], options?: WebContainerSpawnOptions): Promise<WebContainerProcess> {
    this.spawned.push({ command, args, options });
    const handler = this.handlers.get(`${command} ${args[0] ?? ''}`.trim()) ?? this.handlers.get(command);
    let controller!: ReadableStreamDefaultController<string>;
    const output = new ReadableStream<string>({ start: (c) => void (controller = c) });
    let resolveExit!: (code: number) => void;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    let finished = false;
    const state = { killed: false };
    const inputListeners: Array<(text: string) => void> = [];
    const input = new WritableStream<string>({
      write: (chunk) => {
        for (const listener of inputListeners) listener(chunk);
      },
    });
    const control: FakeProcessControl = {
      onInput: (listener) => void inputListeners.push(listener),
      write: (text) => {
        if (!finished) controller.enqueue(text);
      },
      exit: (code) => {
        if (finished) return;
        finished = true;
        controller.close();
        resolveExit(code);
      },
      get killed() {
        return state.killed;
      },
    };
    queueMicrotask(() => {
      if (handler) void handler(control, args, options);
      else {
        control.write(`fake: no handler for ${command} ${args.join(' ')}\r\n`);
        control.exit(127);
      }
    });
    return {
      exit,
      output,
      input,
      kill: () => {
        state.killed = true;
        control.exit(143);
      },
    };
  }
}
