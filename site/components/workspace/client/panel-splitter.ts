/**
 * The bar between the editor and the Logs / Request / Results panels: drag it, or focus it and use
 * the arrow keys (Home and End for the extremes), to give one more room than the other. The share is
 * remembered in this browser for every exercise. On a phone the panes stack and the page scrolls, so
 * the bar is hidden there (CSS).
 */
const KEY = 'kitchen:editor-share';
const MIN = 20;
const MAX = 85;
const STEP = 5;

export class PanelSplitter {
  #root: HTMLElement;
  #bar: HTMLElement;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#bar = root.querySelector<HTMLElement>('[data-splitter]')!;
    const saved = Number(this.#read());
    if (saved >= MIN && saved <= MAX) this.#apply(saved);
    else this.#bar.setAttribute('aria-valuenow', String(Math.round(this.#current())));
    this.#bar.addEventListener('pointerdown', (event) => this.#drag(event));
    this.#bar.addEventListener('keydown', (event) => {
      const now = this.#current();
      const next =
        event.key === 'ArrowUp'
          ? now - STEP
          : event.key === 'ArrowDown'
            ? now + STEP
            : event.key === 'Home'
              ? MIN
              : event.key === 'End'
                ? MAX
                : undefined;
      if (next === undefined) return;
      event.preventDefault();
      this.#set(next);
    });
  }

  /** The editor's share of the space the editor and the panels split, in percent. */
  #current(): number {
    const main = this.#root.querySelector<HTMLElement>('.ws-main')!.getBoundingClientRect().height;
    const panels = this.#root.querySelector<HTMLElement>('.ws-panels')!.getBoundingClientRect().height;
    return main + panels > 0 ? (main / (main + panels)) * 100 : 70;
  }

  #drag(start: PointerEvent): void {
    if (start.button !== 0) return;
    start.preventDefault();
    const main = this.#root.querySelector<HTMLElement>('.ws-main')!.getBoundingClientRect();
    const panels = this.#root.querySelector<HTMLElement>('.ws-panels')!.getBoundingClientRect();
    const total = panels.bottom - main.top;
    this.#bar.setPointerCapture(start.pointerId);
    this.#root.dataset.resizing = 'true';
    const move = (event: PointerEvent) => this.#set(((event.clientY - main.top) / total) * 100, false);
    const end = () => {
      this.#bar.removeEventListener('pointermove', move);
      delete this.#root.dataset.resizing;
      this.#write(this.#bar.getAttribute('aria-valuenow')!);
    };
    this.#bar.addEventListener('pointermove', move);
    this.#bar.addEventListener('lostpointercapture', end, { once: true });
  }

  #set(share: number, save = true): void {
    const clamped = Math.min(MAX, Math.max(MIN, Math.round(share)));
    this.#apply(clamped);
    if (save) this.#write(String(clamped));
  }

  #apply(share: number): void {
    this.#root.style.setProperty('--ws-editor-share', String(share));
    this.#root.style.setProperty('--ws-panels-share', String(100 - share));
    this.#root.dataset.split = 'true';
    this.#bar.setAttribute('aria-valuenow', String(share));
    this.#bar.setAttribute('aria-valuetext', `Editor ${share}%, panels ${100 - share}%`);
  }

  #read(): string | null {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null;
    }
  }

  #write(value: string): void {
    try {
      localStorage.setItem(KEY, value);
    } catch {
      // Not remembered in a private window; the bar still works on this page.
    }
  }
}
