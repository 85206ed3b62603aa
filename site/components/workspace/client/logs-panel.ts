/** The running app's output, live, with ANSI colours turned into HTML (escaped by ansi_up). */
import { AnsiUp } from 'ansi_up';

const MAX_CHARS = 200_000;

export class LogsPanel {
  #element: HTMLElement;
  #ansi = new AnsiUp();
  #empty = true;

  constructor(root: HTMLElement) {
    this.#element = root.querySelector<HTMLElement>('[data-logs]')!;
    this.#ansi.escape_html = true;
    root.querySelector('[data-action="clear-logs"]')?.addEventListener('click', () => this.clear());
  }

  append(text: string, kind: 'stdout' | 'stderr' | 'system' = 'stdout'): void {
    if (this.#empty) {
      this.#element.textContent = '';
      this.#empty = false;
    }
    const stickToBottom =
      this.#element.scrollHeight - this.#element.scrollTop - this.#element.clientHeight < 40;
    const span = document.createElement('span');
    if (kind !== 'stdout') span.className = `ws-log-${kind}`;
    span.innerHTML = this.#ansi.ansi_to_html(text);
    this.#element.append(span);
    // Keep the pane bounded: a chatty app must not slow the page down.
    while ((this.#element.textContent?.length ?? 0) > MAX_CHARS && this.#element.firstChild) {
      this.#element.firstChild.remove();
    }
    if (stickToBottom) this.#element.scrollTop = this.#element.scrollHeight;
  }

  clear(): void {
    this.#element.textContent = '';
    this.#empty = false;
  }
}
