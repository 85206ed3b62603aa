// A small HTML parser for the XSS checks: it reads a page the way a browser's tokenizer does (tags and
// their attributes, quoted or not, character references, comments, <script> and <style> as raw text)
// and builds a tree, so a test asks "which elements and attributes would a browser see?" instead of
// matching strings. It is not a full HTML5 tree builder: it closes an open <p> or <li> where a browser
// would for the markup these pages use, and ignores end tags with no open element.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose content is text up to their end tag: raw (no references) or escapable. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes']);
const ESCAPABLE_RAW_TEXT = new Set(['textarea', 'title']);
/** Start tags that close an open <p>, as in the HTML standard. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);
const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '\u00a9', reg: '\u00ae' };
/** Named references a browser also reads without their semicolon (the legacy ones among NAMED). */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

/**
 * @typedef {{ tag: string, attrs: [string, string][], children: Node[], parent: Element | null, start: number, end: number }} Element
 * @typedef {Element | string} Node
 */

/** Decodes character references (&amp; &#39; &#x27; …) in text or, with `inAttribute`, an attribute value. */
export function decodeReferences(text, inAttribute = false) {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*)(;?)(.?)/g, (match, ref, semicolon, next) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const char = code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      return char + next;
    }
    if (semicolon && ref in NAMED) return NAMED[ref] + next;
    // Without its semicolon a legacy name (&amp &lt …) is still read, except in an attribute value
    // when "=" follows (so href="?a=1&copy=2" keeps its text).
    if (!semicolon && LEGACY.has(ref) && !(inAttribute && next === '=')) return NAMED[ref] + next;
    return match;
  });
}

/**
 * Parses an HTML page into a tree of elements; the root is a pseudo-element with tag "#document".
 * @param {string} html
 * @returns {Element}
 */
export function parseHtml(html) {
  /** @type {Element} */
  const root = { tag: '#document', attrs: [], children: [], parent: null, start: 0, end: html.length };
  /** @type {Element[]} */
  const stack = [root];
  const current = () => stack[stack.length - 1];
  const addText = (text) => {
    if (text === '') return;
    const children = current().children;
    if (typeof children[children.length - 1] === 'string') children[children.length - 1] += text;
    else children.push(text);
  };
  const closeTo = (tag, end) => {
    for (let i = stack.length - 1; i > 0; i--) {
      if (stack[i].tag !== tag) continue;
      while (stack.length > i) {
        const element = /** @type {Element} */ (stack.pop());
        element.end = end;
      }
      return;
    }
  };

  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      addText(decodeReferences(html.slice(i)));
      break;
    }
    addText(decodeReferences(html.slice(i, lt)));
    i = lt;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const close = html.indexOf('>', i);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    if (html[i + 1] === '/' && /[a-zA-Z]/.test(html[i + 2] ?? '')) {
      const close = html.indexOf('>', i);
      const end = close === -1 ? html.length : close + 1;
      const tag = /^[^\s/>]+/.exec(html.slice(i + 2))[0].toLowerCase();
      closeTo(tag, end);
      i = end;
      continue;
    }
    if (!/[a-zA-Z]/.test(html[i + 1] ?? '')) {
      addText('<');
      i += 1;
      continue;
    }
    // A start tag: its name, then attributes until ">".
    const start = i;
    let j = i + 1;
    const name = /^[^\s/>]+/.exec(html.slice(j))[0];
    j += name.length;
    const tag = name.toLowerCase();
    /** @type {[string, string][]} */
    const attrs = [];
    while (j < html.length && html[j] !== '>') {
      if (/[\s/]/.test(html[j])) {
        j += 1;
        continue;
      }
      const attrName = /^[^\s/>][^\s/>=]*/.exec(html.slice(j))[0];
      j += attrName.length;
      while (/\s/.test(html[j] ?? '')) j += 1;
      let value = '';
      if (html[j] === '=') {
        j += 1;
        while (/\s/.test(html[j] ?? '')) j += 1;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, j + 1);
          const stop = close === -1 ? html.length : close;
          value = html.slice(j + 1, stop);
          j = stop + 1;
        } else {
          value = /^[^\s>]*/.exec(html.slice(j))[0];
          j += value.length;
        }
      }
      const lower = attrName.toLowerCase();
      // A repeated attribute is dropped: the browser keeps the first.
      if (!attrs.some(([existing]) => existing === lower)) attrs.push([lower, decodeReferences(value, true)]);
    }
    j = Math.min(j + 1, html.length);

    if (CLOSES_P.has(tag)) closeTo('p', start);
    if (tag === 'li') {
      const li = stack.findLastIndex((element) => element.tag === 'li');
      const list = stack.findLastIndex((element) => element.tag === 'ul' || element.tag === 'ol');
      if (li > list && li > 0) closeTo('li', start);
    }
    /** @type {Element} */
    const element = { tag, attrs, children: [], parent: current(), start, end: j };
    current().children.push(element);
    i = j;
    if (VOID.has(tag)) continue;
    if (RAW_TEXT.has(tag) || ESCAPABLE_RAW_TEXT.has(tag)) {
      const endTag = new RegExp(`</${tag}[\\s/>]`, 'i').exec(html.slice(i));
      const stop = endTag ? i + endTag.index : html.length;
      const text = html.slice(i, stop);
      if (text) element.children.push(ESCAPABLE_RAW_TEXT.has(tag) ? decodeReferences(text) : text);
      const close = html.indexOf('>', stop);
      i = endTag ? (close === -1 ? html.length : close + 1) : html.length;
      element.end = i;
      continue;
    }
    stack.push(element);
  }
  for (const element of stack.slice(1)) element.end = html.length;
  return root;
}

/** Every element under `root` (not root itself), in document order. @param {Element} root @returns {Element[]} */
export function elements(root) {
  const found = [];
  const walk = (element) => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** The value of attribute `name`, or undefined. @param {Element} element @param {string} name */
export function attribute(element, name) {
  return element.attrs.find(([attr]) => attr === name)?.[1];
}

/** True when the element's class attribute lists `name`. @param {Element} element @param {string} name */
export function hasClass(element, name) {
  return (attribute(element, 'class') ?? '').split(/\s+/).includes(name);
}

/** The text a browser would show for the element (its text and its descendants'). @param {Element} element */
export function textOf(element) {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

/** The start tag of an element as a browser reads it: `<img src="x" onerror="…">`. @param {Element} element */
export function describeTag(element) {
  const attrs = element.attrs.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${value}"`)).join('');
  return `<${element.tag}${attrs}>`;
}
