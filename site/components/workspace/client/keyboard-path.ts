/**
 * A short keyboard path to the workspace. The site's skip link leads to the instructions; a second
 * one leads straight to the toolbar (Run, Check). Code blocks in the instructions get a tab stop from
 * the highlighter so that a block wider than its column can be scrolled by keyboard; a block that
 * fits needs none, and each one would be one more Tab on the way to Run.
 */
export function addWorkspaceSkipLink(root: HTMLElement): void {
  const siteSkip = document.querySelector('.skip-link');
  const toolbar = root.querySelector<HTMLElement>('#ws-toolbar');
  if (!siteSkip || !toolbar) return;
  const link = document.createElement('a');
  link.className = 'skip-link ws-skip-link';
  link.href = '#ws-toolbar';
  link.textContent = 'Skip to the workspace (Run, Check)';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const first = toolbar.querySelector<HTMLButtonElement>('button:not(:disabled):not([hidden])');
    toolbar.scrollIntoView({ block: 'nearest' });
    (first ?? toolbar).focus({ preventScroll: true });
  });
  siteSkip.after(link);
}

export function focusOnlyScrollingCode(blocks: Iterable<HTMLElement>): void {
  const update = (block: HTMLElement) => {
    const scrolls = block.scrollWidth > block.clientWidth + 1 || block.scrollHeight > block.clientHeight + 1;
    if (scrolls) block.tabIndex = 0;
    else block.removeAttribute('tabindex');
  };
  const observer = new ResizeObserver((entries) =>
    entries.forEach((entry) => update(entry.target as HTMLElement)),
  );
  for (const block of blocks) {
    update(block);
    observer.observe(block);
  }
}
