/** The Logs / Request / Results tabs: ARIA tabs with arrow-key movement and roving tabindex. */
export type PanelName = 'logs' | 'request' | 'results';

export class PanelTabs {
  #tabs: HTMLButtonElement[];
  #root: HTMLElement;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#tabs = [...root.querySelectorAll<HTMLButtonElement>('[data-panel-tab]')];
    for (const tab of this.#tabs) {
      tab.addEventListener('click', () => this.select(tab.dataset.panelTab as PanelName));
      tab.addEventListener('keydown', (event) => {
        const index = this.#tabs.indexOf(tab);
        let next: number | undefined;
        if (event.key === 'ArrowRight') next = (index + 1) % this.#tabs.length;
        if (event.key === 'ArrowLeft') next = (index - 1 + this.#tabs.length) % this.#tabs.length;
        if (event.key === 'Home') next = 0;
        if (event.key === 'End') next = this.#tabs.length - 1;
        if (next === undefined) return;
        event.preventDefault();
        this.select(this.#tabs[next]!.dataset.panelTab as PanelName);
        this.#tabs[next]!.focus();
      });
    }
  }

  select(name: PanelName): void {
    for (const tab of this.#tabs) {
      const selected = tab.dataset.panelTab === name;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    for (const panel of this.#root.querySelectorAll<HTMLElement>('[data-panel]')) {
      panel.hidden = panel.dataset.panel !== name;
    }
  }

  /** On a phone the panels sit below the editor: brings them on screen when they are off it. */
  reveal(): void {
    const panels = this.#root.querySelector<HTMLElement>('.ws-panels');
    const box = panels?.getBoundingClientRect();
    if (!panels || !box || (box.top >= 0 && box.top < innerHeight - 80)) return;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    panels.scrollIntoView({ block: 'nearest', behavior: smooth ? 'smooth' : 'auto' });
  }
}
