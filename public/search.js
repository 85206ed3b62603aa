// Search UI for the header box, loaded on first focus by the inline loader in SearchBox.astro.
// It uses Pagefind's JS API (/pagefind/pagefind.js, built by `astro build`), not its default UI,
// and shows up to 8 lessons with their title and a highlighted excerpt.

const MAX_RESULTS = 8;

/** @param {HTMLFormElement} form */
export async function start(form) {
  const input = /** @type {HTMLInputElement} */ (form.querySelector('input'));
  const panel = /** @type {HTMLElement} */ (form.querySelector('.search-results'));
  /** @type {any} */
  let pagefind;
  try {
    pagefind = await import('/pagefind/pagefind.js');
    await pagefind.init();
  } catch {
    show(status('Search is not available: the index has not been built. Run npm run build.'));
    return;
  }

  let token = 0;
  async function run() {
    const query = input.value.trim();
    const mine = ++token;
    if (!query) return hide();
    const search = await pagefind.debouncedSearch(query, {}, 150);
    // A newer keystroke started another search, or this one was debounced away.
    if (mine !== token || search === null) return;
    const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== token) return;
    if (!results.length) return show(status(`No lessons match “${query}”.`));
    const list = document.createElement('ol');
    list.setAttribute('aria-label', 'Search results');
    for (const result of results) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = result.url;
      const title = document.createElement('span');
      title.className = 'result-title';
      title.textContent = result.meta?.title ?? result.url;
      const excerpt = document.createElement('span');
      excerpt.className = 'result-excerpt';
      // Pagefind escapes the page text and adds only <mark> around the matched words.
      excerpt.innerHTML = result.excerpt;
      link.append(title, excerpt);
      item.append(link);
      list.append(item);
    }
    const count = status(`${results.length} ${results.length === 1 ? 'lesson' : 'lessons'} found`);
    count.className = 'visually-hidden';
    show(count, list);
  }

  /** @param {string} text */
  function status(text) {
    const p = document.createElement('p');
    p.className = 'search-status';
    p.setAttribute('role', 'status');
    p.textContent = text;
    return p;
  }
  /** @param {Node[]} nodes */
  function show(...nodes) {
    panel.replaceChildren(...nodes);
    panel.hidden = false;
  }
  function hide() {
    panel.hidden = true;
    panel.replaceChildren();
  }
  function links() {
    return /** @type {HTMLAnchorElement[]} */ ([...panel.querySelectorAll('a')]);
  }

  input.addEventListener('input', run);
  input.addEventListener(
    'focus',
    () => input.value.trim() && panel.childElementCount && show(...panel.childNodes),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    links()[0]?.click();
  });
  form.addEventListener('keydown', (event) => {
    const items = links();
    const at = items.indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement));
    if (event.key === 'Escape') {
      hide();
      input.focus();
    } else if (event.key === 'ArrowDown' && items.length) {
      event.preventDefault();
      items[Math.min(at + 1, items.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : items[at - 1])?.focus();
    }
  });
  form.addEventListener('focusout', (event) => {
    if (!form.contains(/** @type {Node | null} */ (event.relatedTarget))) hide();
  });
  if (input.value.trim()) void run();
}
