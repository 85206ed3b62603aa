/** The line under the workspace that always says what is happening, with a progress bar for checks. */
export type StatusTone = 'info' | 'busy' | 'ok' | 'error';

export class StatusLine {
  #text: HTMLElement;
  #progress: HTMLProgressElement;
  #line: HTMLElement;

  constructor(root: HTMLElement) {
    this.#line = root.querySelector<HTMLElement>('[data-status-line]')!;
    this.#text = root.querySelector<HTMLElement>('[data-status-text]')!;
    this.#progress = root.querySelector<HTMLProgressElement>('[data-check-progress]')!;
  }

  set(message: string, tone: StatusTone = 'info'): void {
    this.#text.textContent = message;
    this.#line.dataset.tone = tone;
    if (tone !== 'busy') this.#progress.hidden = true;
  }

  /** Shows check progress; `total` 0 means "started, count unknown" (an indeterminate bar). */
  progress(done: number, total: number): void {
    this.#progress.hidden = false;
    if (total > 0) {
      this.#progress.max = total;
      this.#progress.value = done;
    } else {
      this.#progress.removeAttribute('value');
    }
  }
}
