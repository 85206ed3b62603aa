/**
 * The local runner that serves the page (`npm start`) as a KitchenContainer (container.ts): files go
 * over its JSON API, each `node <entry>` the runtime spawns becomes a process the runner runs in its
 * sandbox (site/server/runner/session.ts), and the process's output, its exit and the app's port come
 * back over the session's event WebSocket (ContainerEvent, contract.ts). Every request carries the
 * per-start token the server put in the page's `kitchen-runner` meta; without it the runner refuses.
 */
import type { ContainerProcess, KitchenContainer, PortListener, PreparedWorkspace } from './container.ts';
import {
  isRunnerErrorCode,
  type AppStatus,
  type ContainerEvent,
  type SpawnRequest,
} from './contract.ts';
import type { ExerciseBundle } from './exercise-bundle.ts';
import { RuntimeError, type FileMap } from './runtime.ts';

export interface LocalContainerOptions {
  token: string;
  /** Origin of the site (defaults to the page's). */
  baseUrl?: string;
  fetch?: typeof fetch;
  createSocket?: (url: string) => WebSocket;
}

/** Reads the local runner token the site server injects; undefined when the page has no runner. */
export function readRunnerToken(doc: Document = document): string | undefined {
  const content = doc.querySelector('meta[name="kitchen-runner"]')?.getAttribute('content');
  return content ? content : undefined;
}

/** One process the runner runs for this page. */
class LocalProcess implements ContainerProcess {
  readonly exit: Promise<number>;
  readonly output: ReadableStream<string>;
  readonly errors: ReadableStream<string>;
  readonly input: WritableStream<string>;
  status: AppStatus | undefined;
  #controller!: ReadableStreamDefaultController<string>;
  #errorsController!: ReadableStreamDefaultController<string>;
  #resolveExit!: (code: number) => void;
  #finished = false;
  #kill: () => void;

  constructor(send: (data: string) => Promise<void>, kill: () => void) {
    this.output = new ReadableStream<string>({ start: (controller) => void (this.#controller = controller) });
    this.errors = new ReadableStream<string>({ start: (controller) => void (this.#errorsController = controller) });
    this.exit = new Promise<number>((resolve) => (this.#resolveExit = resolve));
    this.input = new WritableStream<string>({ write: (chunk) => send(chunk) });
    this.#kill = kill;
  }

  push(data: string, stream: 'stdout' | 'stderr'): void {
    if (!this.#finished) (stream === 'stderr' ? this.#errorsController : this.#controller).enqueue(data);
  }

  finish(code: number, status?: AppStatus): void {
    if (this.#finished) return;
    this.#finished = true;
    this.status = status;
    this.#controller.close();
    this.#errorsController.close();
    this.#resolveExit(code);
  }

  kill(): void {
    if (!this.#finished) this.#kill();
  }
}

export class LocalContainer implements KitchenContainer {
  readonly kind = 'local' as const;
  readonly label = 'Local runner';
  #token: string;
  #base: string;
  #fetch: typeof fetch;
  #createSocket: (url: string) => WebSocket;
  #id: string | undefined;
  #socket: WebSocket | undefined;
  #disposed = false;
  #processes = new Map<string, LocalProcess>();
  #portListeners = new Set<PortListener>();
  #nextPid = 0;

  constructor(options: LocalContainerOptions) {
    this.#token = options.token;
    this.#base = options.baseUrl ?? location.origin;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#createSocket = options.createSocket ?? ((url) => new WebSocket(url));
  }

  async prepare(bundle: ExerciseBundle, files: FileMap): Promise<PreparedWorkspace> {
    if (this.#id) await this.#close();
    const session = await this.#call<PreparedWorkspace & { id: string }>('POST', '/api/sessions', {
      exercise: bundle.slug,
      files,
    });
    this.#id = session.id;
    // Listening before anything is spawned: no process output can arrive unheard.
    await this.#connect(session.id);
    return {
      files: session.files,
      editable: session.editable,
      allowNewFiles: session.allowNewFiles,
      tests: session.tests,
    };
  }

  async writeFile(path: string, content: string): Promise<void> {
    await this.#call('PUT', `${this.#sessionPath()}/files`, { path, content });
  }

  async removeFile(path: string): Promise<void> {
    await this.#call('DELETE', `${this.#sessionPath()}/files`, { path });
  }

  async renameFile(from: string, to: string): Promise<void> {
    await this.#call('POST', `${this.#sessionPath()}/rename`, { from, to });
  }

  async listTop(): Promise<string[]> {
    return (await this.#call<{ names: string[] }>('GET', `${this.#sessionPath()}/files`)).names;
  }

  async spawn(command: 'node', args: string[]): Promise<ContainerProcess> {
    const base = this.#sessionPath();
    const pid = `p${(this.#nextPid += 1)}`;
    const path = `${base}/processes/${pid}`;
    const process = new LocalProcess(
      (data) => this.#call('POST', `${path}/input`, { data }),
      () => void this.#call('DELETE', path).catch(() => undefined),
    );
    this.#processes.set(pid, process);
    const request: SpawnRequest = { pid, command, args };
    try {
      await this.#call('POST', `${base}/processes`, request);
    } catch (error) {
      this.#processes.delete(pid);
      throw error;
    }
    return process;
  }

  onPort(listener: PortListener): () => void {
    this.#portListeners.add(listener);
    return () => this.#portListeners.delete(listener);
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await this.#close();
  }

  async #close(): Promise<void> {
    const id = this.#id;
    this.#id = undefined;
    this.#socket?.close();
    this.#socket = undefined;
    this.#endAll();
    if (id) await this.#call('DELETE', `/api/sessions/${encodeURIComponent(id)}`).catch(() => undefined);
  }

  /** The session is gone: none of its processes will say another word. */
  #endAll(): void {
    for (const process of this.#processes.values()) process.finish(1);
    this.#processes.clear();
  }

  #sessionPath(): string {
    if (!this.#id) {
      throw new RuntimeError('SERVER', 'The local runner has no session for this page yet: reload the page.');
    }
    return `/api/sessions/${encodeURIComponent(this.#id)}`;
  }

  #onEvent(event: ContainerEvent): void {
    if (event.type === 'port') {
      for (const listener of this.#portListeners) listener(event.port, event.state);
      return;
    }
    const process = this.#processes.get(event.pid);
    if (!process) return;
    if (event.type === 'process-output') process.push(event.data, event.stream);
    else {
      this.#processes.delete(event.pid);
      process.finish(event.exitCode, event.status);
    }
  }

  /**
   * Opens the event stream and resolves once it is open; reconnects once a second while the session
   * lives (a server restart, a nap). The runner replays the app's recent output and state on connect.
   */
  #connect(id: string): Promise<void> {
    const url = new URL(`/api/sessions/${encodeURIComponent(id)}/events`, this.#base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', this.#token);
    const socket = this.#createSocket(url.href);
    this.#socket = socket;
    socket.addEventListener('message', (message: MessageEvent) => {
      let event: ContainerEvent;
      try {
        event = JSON.parse(String(message.data)) as ContainerEvent;
      } catch {
        return;
      }
      if (this.#socket === socket) this.#onEvent(event);
    });
    return new Promise<void>((resolve) => {
      let opened = false;
      socket.addEventListener('open', () => {
        opened = true;
        resolve();
      });
      socket.addEventListener('close', (event: CloseEvent) => {
        // Never opened: don't hold the page up; calls that follow say what is wrong.
        if (!opened) resolve();
        if (this.#disposed || this.#id !== id || this.#socket !== socket) return;
        if (event.code === 1001) {
          this.#endAll();
          return;
        }
        setTimeout(() => {
          if (!this.#disposed && this.#id === id && this.#socket === socket) void this.#connect(id);
        }, 1000);
      });
    });
  }

  async #call<T = void>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await this.#fetch(new URL(path, this.#base).href, {
        method,
        headers: {
          'X-Kitchen-Token': this.#token,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new RuntimeError(
        'NETWORK',
        `The local runner did not answer ${method} ${path}: is \`npm start\` still running? (${(error as Error).message})`,
        { cause: error },
      );
    }
    if (response.status === 204 || response.status === 202) return undefined as T;
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (response.ok) return data as T;
    const detail = (data as { error?: string; code?: string } | undefined) ?? {};
    const message = detail.error ?? (text.slice(0, 200) || response.statusText);
    if (response.status === 403) {
      throw new RuntimeError(
        'FORBIDDEN',
        `The local runner refused this page (${message}). Reload the page: the runner's token changes each time it starts.`,
      );
    }
    // The runner's own code (contract.ts) crosses the line as it is: a busy check stays CHECK_IN_PROGRESS.
    if (isRunnerErrorCode(detail.code) && response.status < 500) throw new RuntimeError(detail.code, message);
    throw new RuntimeError('SERVER', `The local runner failed on ${method} ${path}: ${message}`);
  }
}
