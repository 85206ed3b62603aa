/**
 * The line under the toolbar that says why the page runs code where it does ("The in-browser runtime
 * did not start within 8 s… Using the local runner instead."). Read once, it only takes room from the
 * editor, so it can be dismissed, for good in this browser; "Why?" beside the runtime badge brings it
 * back. A notice that code cannot run at all stays: there is nothing else to do on the page.
 */
const DISMISSED_KEY = 'kitchen:runtime-notice-dismissed';

export class RuntimeNotice {
  #element: HTMLElement;
  #text: HTMLElement;
  #dismiss: HTMLButtonElement;
  #why: HTMLButtonElement;

  constructor(root: HTMLElement) {
    this.#element = root.querySelector<HTMLElement>('[data-notice]')!;
    this.#text = this.#element.querySelector<HTMLElement>('[data-notice-text]')!;
    this.#dismiss = root.querySelector<HTMLButtonElement>('[data-action="dismiss-notice"]')!;
    this.#why = root.querySelector<HTMLButtonElement>('[data-action="runtime-why"]')!;
    this.#dismiss.addEventListener('click', () => {
      this.#remember(true);
      this.#setShown(false);
      this.#why.focus();
    });
    this.#why.addEventListener('click', () => {
      const show = this.#element.hidden !== false;
      this.#setShown(show);
      if (show) this.#dismiss.focus();
    });
  }

  /** Shows `message`; an `error` (code cannot run here) cannot be dismissed. */
  show(message: string, error: boolean): void {
    this.#text.textContent = message;
    this.#element.classList.toggle('ws-notice-error', error);
    this.#dismiss.hidden = error;
    this.#why.hidden = error;
    this.#setShown(error || !this.#dismissed());
  }

  /** The learner asked to try the in-browser runtime again: its outcome is worth reading again. */
  forgetDismissal(): void {
    this.#remember(false);
  }

  #setShown(shown: boolean): void {
    this.#element.hidden = !shown;
    this.#why.setAttribute('aria-expanded', String(shown));
  }

  #dismissed(): boolean {
    try {
      return localStorage.getItem(DISMISSED_KEY) === '1';
    } catch {
      return false;
    }
  }

  #remember(dismissed: boolean): void {
    try {
      if (dismissed) localStorage.setItem(DISMISSED_KEY, '1');
      else localStorage.removeItem(DISMISSED_KEY);
    } catch {
      // Storage refused (a private window): the notice is dismissed for this page only.
    }
  }
}
