/**
 * The file list and the open-file tabs. Learner files come first; the exercise's tests follow under
 * "tests/", read-only. Where the exercise allows new files, learner files beyond the required ones
 * can be renamed and deleted, and "+" creates one.
 */
import { h } from './dom.ts';

export interface FileTreeOptions {
  onOpen(path: string): void;
  onCreate(): void;
  onRename(path: string): void;
  onDelete(path: string): void;
  onCloseTab(path: string): void;
}

export interface FileTreeModel {
  learnerFiles: string[];
  testFiles: string[];
  required: string[];
  allowNewFiles: boolean;
  openTabs: string[];
  active: string;
}

export class FileTree {
  #list: HTMLElement;
  #tabs: HTMLElement;
  #newButton: HTMLButtonElement;
  #options: FileTreeOptions;

  constructor(root: HTMLElement, options: FileTreeOptions) {
    this.#list = root.querySelector<HTMLElement>('[data-file-list]')!;
    this.#tabs = root.querySelector<HTMLElement>('[data-tabs]')!;
    this.#newButton = root.querySelector<HTMLButtonElement>('[data-action="new-file"]')!;
    this.#options = options;
    this.#newButton.addEventListener('click', () => this.#options.onCreate());
    this.#tabs.addEventListener('keydown', (event) => {
      const tabs = [...this.#tabs.querySelectorAll<HTMLButtonElement>('.ws-tab')];
      const index = tabs.indexOf(document.activeElement as HTMLButtonElement);
      if (index === -1) return;
      const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : undefined;
      if (next === undefined) return;
      event.preventDefault();
      const tab = tabs[(next + tabs.length) % tabs.length]!;
      tab.focus();
      tab.click();
    });
  }

  render(model: FileTreeModel): void {
    this.#newButton.hidden = !model.allowNewFiles;
    const item = (path: string, readOnly: boolean) => {
      const removable = model.allowNewFiles && !readOnly && !model.required.includes(path);
      const open = h(
        'button',
        {
          type: 'button',
          class: 'ws-file',
          'aria-current': path === model.active ? 'true' : undefined,
          'data-file': path,
          title: readOnly ? `${path} (read-only: the tests Check runs)` : path,
        },
        readOnly ? path.replace(/^tests\//, '') : path,
      );
      open.addEventListener('click', () => this.#options.onOpen(path));
      const actions: HTMLElement[] = [];
      if (removable) {
        const rename = h(
          'button',
          { type: 'button', class: 'ws-icon-button', 'aria-label': `Rename ${path}`, title: 'Rename' },
          '✎',
        );
        rename.addEventListener('click', () => this.#options.onRename(path));
        const remove = h(
          'button',
          { type: 'button', class: 'ws-icon-button', 'aria-label': `Delete ${path}`, title: 'Delete' },
          '×',
        );
        remove.addEventListener('click', () => this.#options.onDelete(path));
        actions.push(rename, remove);
      }
      return h('li', {}, open, ...actions);
    };
    this.#list.replaceChildren(
      ...model.learnerFiles.map((p) => item(p, false)),
      ...(model.testFiles.length
        ? [h('li', { class: 'ws-files-group' }, 'tests/ ', h('span', { class: 'ws-readonly' }, 'read-only'))]
        : []),
      ...model.testFiles.map((p) => item(p, true)),
    );

    this.#tabs.replaceChildren(
      ...model.openTabs.map((path) => {
        const selected = path === model.active;
        const tab = h(
          'button',
          {
            type: 'button',
            class: 'ws-tab',
            'aria-current': selected ? 'true' : undefined,
            'data-tab': path,
          },
          path,
        );
        tab.addEventListener('click', () => this.#options.onOpen(path));
        const wrapper = h('span', { class: 'ws-tab-wrap', 'data-selected': String(selected) }, tab);
        if (model.openTabs.length > 1) {
          const close = h(
            'button',
            { type: 'button', class: 'ws-tab-close', 'aria-label': `Close ${path}`, title: 'Close tab' },
            '×',
          );
          close.addEventListener('click', () => this.#options.onCloseTab(path));
          wrapper.append(close);
        }
        return wrapper;
      }),
    );
  }
}
