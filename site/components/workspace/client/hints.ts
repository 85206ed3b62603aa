/**
 * Reveals hints one at a time per task. The hints were rendered at build time (Hints.astro); this
 * hides the unrevealed ones, adds "Show hint n of m" buttons and remembers how many are shown.
 */
export class HintsController {
  #section: HTMLElement | null;
  #shown: Record<string, number> = {};
  #onChange: (shown: Record<string, number>) => void;

  constructor(onChange: (shown: Record<string, number>) => void) {
    this.#section = document.querySelector<HTMLElement>('[data-ws-hints]');
    this.#onChange = onChange;
    for (const task of this.#tasks()) {
      task
        .querySelector<HTMLButtonElement>('[data-hint-next]')!
        .addEventListener('click', () => this.reveal(task.dataset.taskId!));
    }
    this.restore({});
  }

  #tasks(): HTMLDetailsElement[] {
    return [...(this.#section?.querySelectorAll<HTMLDetailsElement>('.ws-hint-task') ?? [])];
  }

  #task(id: string): HTMLDetailsElement | undefined {
    return this.#tasks().find((t) => t.dataset.taskId === id);
  }

  has(taskId: string): boolean {
    return this.#task(taskId) !== undefined;
  }

  restore(shown: Record<string, number>): void {
    this.#shown = { ...shown };
    for (const task of this.#tasks()) this.#paint(task);
  }

  #paint(task: HTMLDetailsElement): void {
    const id = task.dataset.taskId!;
    const items = [...task.querySelectorAll<HTMLElement>('[data-hint-index]')];
    const count = Math.min(this.#shown[id] ?? 0, items.length);
    items.forEach((item, index) => (item.hidden = index >= count));
    const list = task.querySelector<HTMLElement>('.ws-hint-list')!;
    list.hidden = count === 0;
    const button = task.querySelector<HTMLButtonElement>('[data-hint-next]')!;
    button.hidden = count >= items.length;
    button.textContent = `Show hint ${count + 1} of ${items.length}`;
  }

  /** Opens the task's hints and shows one more; focuses the new hint so it is read out. */
  reveal(taskId: string): void {
    const task = this.#task(taskId);
    if (!task) return;
    task.open = true;
    const total = task.querySelectorAll('[data-hint-index]').length;
    this.#shown[taskId] = Math.min((this.#shown[taskId] ?? 0) + 1, total);
    this.#paint(task);
    this.#onChange({ ...this.#shown });
    const newest = task.querySelector<HTMLElement>(`[data-hint-index="${this.#shown[taskId]! - 1}"]`);
    if (newest) {
      newest.tabIndex = -1;
      newest.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      newest.focus({ preventScroll: true });
    }
  }

  /** The toolbar's Hints button: opens the hints of the first unfinished task. */
  open(firstUnfinishedTask: string | undefined): void {
    if (!this.#section) return;
    const task = (firstUnfinishedTask && this.#task(firstUnfinishedTask)) || this.#tasks()[0];
    if (!task) return;
    task.open = true;
    task.scrollIntoView({ block: 'start', behavior: 'smooth' });
    const summary = task.querySelector('summary');
    summary?.focus({ preventScroll: true });
  }

  get available(): boolean {
    return this.#tasks().length > 0;
  }
}
