/**
 * The request panel: method, path, headers and a JSON body go to the running app through the runtime;
 * the reply shows status, timing, headers, a pretty body and the equivalent curl line. The last ten
 * requests are kept (with the workspace state) and can be picked again. Machine paths in a reply
 * (Express's error page prints a stack trace) are shown relative to the exercise, and an answer that
 * came from older code than the editor's says so, with a Restart that sends the request again.
 */
import type { HttpReply, HttpRequest } from '../../../runtime/index.ts';
import type { SavedRequest } from '../../../lib/progress/workspace-store.ts';
import { curlLine, parseHeaderLines } from './curl.ts';
import { copyable, h } from './dom.ts';
import { cleanMachinePaths } from './machine-paths.ts';

export interface RequestPanelOptions {
  send(request: HttpRequest): Promise<HttpReply>;
  origin(): string;
  onRecentChange(recent: SavedRequest[]): void;
  /** The workspace's file paths, to show machine paths relative to the exercise. */
  knownFiles(): string[];
  /** The app runs older code than the editor holds (the learner typed while the request was out). */
  runsOlderCode(): boolean;
  restart(): Promise<void>;
}

const MAX_RECENT = 10;

export class RequestPanel {
  #form: HTMLFormElement;
  #reply: HTMLElement;
  #recentSelect: HTMLSelectElement;
  #recent: SavedRequest[] = [];
  #options: RequestPanelOptions;

  constructor(root: HTMLElement, options: RequestPanelOptions) {
    this.#options = options;
    this.#form = root.querySelector<HTMLFormElement>('[data-request-form]')!;
    this.#reply = root.querySelector<HTMLElement>('[data-reply]')!;
    this.#recentSelect = root.querySelector<HTMLSelectElement>('[data-recent]')!;
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#send();
    });
    this.#recentSelect.addEventListener('change', () => {
      const picked = this.#recent[Number(this.#recentSelect.value)];
      if (picked) this.#fill(picked);
    });
  }

  setRecent(recent: SavedRequest[]): void {
    this.#recent = recent.slice(0, MAX_RECENT);
    this.#recentSelect.replaceChildren(
      h('option', { value: '' }, this.#recent.length ? 'Pick a recent request…' : '—'),
      ...this.#recent.map((r, i) => h('option', { value: String(i) }, `${r.method} ${r.path}`)),
    );
  }

  /** Fills the form with a request a check sent (from a failure in Results), ready to Send. */
  prefill(request: { method: string; path: string; headers?: Record<string, string>; body?: string }): void {
    this.#fill({
      method: request.method,
      path: request.path,
      headers: Object.entries(request.headers ?? {})
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n'),
      body: request.body ?? '',
    });
    this.#form.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  }

  #field(name: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
    return this.#form.elements.namedItem(name) as HTMLInputElement;
  }

  #fill(saved: SavedRequest): void {
    this.#field('method').value = saved.method;
    this.#field('path').value = saved.path;
    this.#field('headers').value = saved.headers;
    this.#field('body').value = saved.body;
    if (saved.headers || saved.body) (this.#form.querySelector('details') as HTMLDetailsElement).open = true;
  }

  async #send(): Promise<void> {
    const saved: SavedRequest = {
      method: this.#field('method').value,
      path: this.#field('path').value.trim() || '/',
      headers: this.#field('headers').value,
      body: this.#field('body').value,
    };
    let request: HttpRequest;
    try {
      const headers = parseHeaderLines(saved.headers);
      if (saved.body.trim()) {
        try {
          JSON.parse(saved.body);
        } catch (error) {
          throw new Error(
            `The body is not valid JSON (${(error as Error).message}). Fix it or clear the body.`,
          );
        }
        headers['content-type'] ??= 'application/json';
      }
      request = {
        method: saved.method,
        path: saved.path.startsWith('/') ? saved.path : `/${saved.path}`,
        headers,
        body: saved.body.trim() || undefined,
      };
    } catch (error) {
      this.#reply.replaceChildren(h('p', { class: 'ws-error', role: 'alert' }, (error as Error).message));
      return;
    }
    this.#reply.replaceChildren(h('p', { class: 'muted' }, `Sending ${request.method} ${request.path}…`));
    this.#remember(saved);
    await this.#sendRequest(request);
  }

  async #sendRequest(request: HttpRequest): Promise<void> {
    try {
      const reply = await this.#options.send(request);
      this.#render(request, reply);
    } catch (error) {
      this.#reply.replaceChildren(
        h('p', { class: 'ws-error', role: 'alert' }, (error as Error).message),
        copyable(curlLine(request, this.#options.origin()), 'curl command'),
      );
    }
    // The panel is short on a laptop: the answer's first line comes into view under the form.
    this.#reply.scrollIntoView({ block: 'nearest' });
  }

  #remember(saved: SavedRequest): void {
    const key = JSON.stringify(saved);
    this.setRecent([saved, ...this.#recent.filter((r) => JSON.stringify(r) !== key)]);
    this.#options.onRecentChange(this.#recent);
  }

  #render(request: HttpRequest, reply: HttpReply): void {
    const clean = (text: string) => cleanMachinePaths(text, this.#options.knownFiles());
    let pretty = clean(reply.body);
    const type =
      Object.entries(reply.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
    if (/json/.test(type)) {
      try {
        pretty = clean(JSON.stringify(JSON.parse(reply.body), null, 2));
      } catch {
        // Not valid JSON despite the header: show it as it came.
      }
    }
    const tone = reply.status < 300 ? 'ok' : reply.status < 400 ? 'info' : 'error';
    this.#reply.replaceChildren(
      h(
        'p',
        { class: 'ws-reply-status' },
        h(
          'strong',
          { class: `ws-http-${tone}`, 'data-reply-status': String(reply.status) },
          `${reply.status}`,
        ),
        ` · ${reply.durationMs} ms`,
        reply.truncated ? ' · body truncated' : '',
      ),
      h(
        'details',
        { class: 'ws-reply-headers' },
        h('summary', {}, `Headers (${Object.keys(reply.headers).length})`),
        h(
          'pre',
          {},
          clean(
            Object.entries(reply.headers)
              .map(([n, v]) => `${n}: ${v}`)
              .join('\n'),
          ),
        ),
      ),
      h(
        'pre',
        { class: 'ws-reply-body', role: 'region', 'aria-label': 'Response body', tabindex: '0' },
        pretty || '(empty body)',
      ),
      ...(reply.status >= 500
        ? [
            h(
              'p',
              { class: 'ws-reply-note muted' },
              'Your app failed on this request: what it printed is in Logs.',
            ),
          ]
        : []),
      copyable(curlLine(request, this.#options.origin()), 'curl command'),
    );
    if (this.#options.runsOlderCode()) this.#reply.prepend(this.#olderCodeNotice(request));
  }

  /** The answer came from the code the app started with, not what the editor holds now. */
  #olderCodeNotice(request: HttpRequest): HTMLElement {
    const restart = h('button', { type: 'button', class: 'ws-button' }, 'Restart and send again');
    restart.addEventListener('click', () => {
      restart.disabled = true;
      void this.#options.restart().then(() => this.#sendRequest(request));
    });
    return h(
      'div',
      { class: 'ws-older-code', role: 'status', 'data-older-code': '' },
      h('p', {}, 'This answer came from older code: you edited your files after your app started.'),
      restart,
    );
  }
}
