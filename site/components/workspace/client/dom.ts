/** A small element builder: text children are always inserted as text, never as HTML. */
type Child = Node | string | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    element.append(child);
  }
  return element;
}

/** A <pre> with a "Copy" button, for curl lines. */
export function copyable(text: string, label: string): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'ws-link-button', 'aria-label': `Copy ${label}` },
    'Copy',
  );
  button.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text).then(
      () => (button.textContent = 'Copied'),
      () => (button.textContent = 'Select and copy'),
    );
  });
  return h('div', { class: 'ws-copyable' }, h('pre', {}, h('code', {}, text)), button);
}
