/**
 * LocalRuntime carries the Runtime operations to the local runner that serves the page (`npm start`),
 * over its JSON API and event WebSocket (site/server/runner/api-router.ts and runner-events.ts define it). Every request carries the
 * per-start token the server put in the page's `kitchen-runner` meta; without it the runner refuses.
 */
import { isRunnerErrorCode } from './contract.ts';
import type { ResultsDocument } from '../../grader/src/schemas.ts';
import {
  Emitter,
  RuntimeError,
  type HttpReply,
  type HttpRequest,
  type OpenOptions,
  type Runtime,
  type RuntimeEvent,
  type RuntimeListener,
  type Session,
} from './runtime.ts';

export interface LocalRuntimeOptions {
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

export class LocalRuntime implements Runtime {
  readonly kind = 'local' as const;
  readonly label = 'Local runner';
  #token: string;
  #base: string;
  #fetch: typeof fetch;
  #createSocket: (url: string) => WebSocket;
  #emitter = new Emitter();
  #id: string | undefined;
  #socket: WebSocket | undefined;
  #disposed = false;

  constructor(options: LocalRuntimeOptions) {
    this.#token = options.token;
    this.#base = options.baseUrl ?? location.origin;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#createSocket = options.createSocket ?? ((url) => new WebSocket(url));
  }

  on(listener: RuntimeListener): () => void {
    return this.#emitter.on(listener);
  }

  async open({ exercise, files }: OpenOptions): Promise<Session> {
    if (this.#id) await this.#close();
    const session = await this.#call<Session & { id: string }>('POST', '/api/sessions', { exercise, files });
    this.#id = session.id;
    this.#connect(session.id);
    return {
      exercise: session.exercise,
      files: session.files,
      editable: session.editable,
      allowNewFiles: session.allowNewFiles,
      tests: session.tests,
    };
  }

  async writeFile(path: string, content: string): Promise<void> {
    await this.#call('PUT', `${this.#sessionPath()}/files`, { path, content });
  }

  async deleteFile(path: string): Promise<void> {
    await this.#call('DELETE', `${this.#sessionPath()}/files`, { path });
  }

  async renameFile(from: string, to: string): Promise<void> {
    await this.#call('POST', `${this.#sessionPath()}/rename`, { from, to });
  }

  async run(): Promise<void> {
    await this.#call('POST', `${this.#sessionPath()}/run`);
  }

  async stop(): Promise<void> {
    await this.#call('POST', `${this.#sessionPath()}/stop`);
  }

  async request(request: HttpRequest): Promise<HttpReply> {
    return this.#call<HttpReply>('POST', `${this.#sessionPath()}/request`, request);
  }

  async check(): Promise<ResultsDocument> {
    return this.#call<ResultsDocument>('POST', `${this.#sessionPath()}/check`);
  }

  async resetData(): Promise<void> {
    await this.#call('DELETE', `${this.#sessionPath()}/data`);
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
    if (id) await this.#call('DELETE', `/api/sessions/${encodeURIComponent(id)}`).catch(() => undefined);
  }

  #sessionPath(): string {
    if (!this.#id) {
      throw new RuntimeError('SERVER', 'The local runner has no session for this page yet: reload the page.');
    }
    return `/api/sessions/${encodeURIComponent(this.#id)}`;
  }

  /** Opens the event stream; reconnects once a second while the session lives (a server restart, a nap). */
  #connect(id: string): void {
    const url = new URL(`/api/sessions/${encodeURIComponent(id)}/events`, this.#base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', this.#token);
    const socket = this.#createSocket(url.href);
    this.#socket = socket;
    socket.addEventListener('message', (message: MessageEvent) => {
      let event: RuntimeEvent;
      try {
        event = JSON.parse(String(message.data)) as RuntimeEvent;
      } catch {
        return;
      }
      this.#emitter.emit(event);
    });
    socket.addEventListener('close', () => {
      if (this.#disposed || this.#id !== id || this.#socket !== socket) return;
      setTimeout(() => {
        if (!this.#disposed && this.#id === id && this.#socket === socket) this.#connect(id);
      }, 1000);
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
