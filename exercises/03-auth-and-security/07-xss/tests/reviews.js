// What the XSS tests share: posting a review through the page's form, loading GET /reviews and
// reading it as a browser would (./html.js), and messages that show the review's own HTML.
import { request } from '../grading/http.js';
import { attribute, describeTag, elements, hasClass, parseHtml, textOf } from './html.js';

/** Sends the page's form: POST /reviews with `name` and `text`, form-encoded. */
export async function postReview(name, text) {
  const res = await request('POST', '/reviews', {
    body: new URLSearchParams({ name, text }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  res.expect(
    res.status === 303 && res.headers.location === '/reviews',
    `303 See Other with Location: /reviews, as the starter answers a new review; got ${res.status}` +
      `${res.headers.location ? ` with Location: ${res.headers.location}` : ''}. Keep POST /reviews storing the review and sending people back to the page`,
  );
  return res;
}

/** GET /reviews, checked to be an HTML page, with its parsed tree. */
export async function loadPage() {
  const res = await request('GET', '/reviews');
  res.expectStatus(200);
  res.expectHeader('content-type', /^text\/html/, 'an HTML page (content-type text/html)');
  return { res, doc: parseHtml(res.text) };
}

/** Text quoted for a message, its characters exactly as they are (curly quotes, so none needs a backslash). */
export function quote(text) {
  return `“${text}”`;
}

/** The HTML source of an element as the app sent it, for a message; long ones shortened. */
export function sourceOf(res, element) {
  const source = res.text.slice(element.start, element.end).trim().replace(/\n\s*/g, ' ');
  return source.length > 400 ? `${source.slice(0, 400)}… (${source.length - 400} more characters)` : source;
}

/** Every <li class="review"> of the page, with its name and text elements (undefined when missing). */
export function reviewsOf(doc) {
  return elements(doc)
    .filter((element) => element.tag === 'li' && hasClass(element, 'review'))
    .map((li) => {
      const inside = elements(li);
      return {
        li,
        name: inside.find((element) => element.tag === 'strong' && hasClass(element, 'name')),
        text: inside.find((element) => element.tag === 'p' && hasClass(element, 'text')),
      };
    });
}

/**
 * The review whose name (`by: 'name'`) or text (`by: 'text'`) reads `value` in the page. Fails saying
 * what the page holds instead when there is none.
 */
export function findReview(page, by, value, what) {
  const reviews = reviewsOf(page.doc);
  const found = reviews.find((review) => review[by] && textOf(review[by]) === value);
  if (found) return found;
  const shown = reviews.map((review) => sourceOf(page.res, review.li)).slice(-3);
  page.res.fail(
    `expected the page to list ${what}, as <li class="review"> with a <${by === 'name' ? 'strong class="name"' : 'p class="text"'}> reading ${quote(value)}; ` +
      (reviews.length === 0
        ? 'the page has no <li class="review"> at all. Keep the markup of the starter: the checks read it.'
        : `none does. The last reviews in the page:\n  ${shown.join('\n  ')}`),
    { showBody: reviews.length === 0 },
  );
}

/** The elements inside `element` (a review's text or name), as a browser reads them: `<img onerror="…">`. */
export function tagsInside(element) {
  return elements(element).map(describeTag);
}

/** Fails with `expected …` and no page excerpt (the review's own HTML is in the message) unless `condition`. */
export function expectOnPage(res, condition, whatWasExpected) {
  if (!condition) res.fail(`expected ${whatWasExpected}`, { showBody: false });
}

/** True when an attribute name runs code in a browser: onerror, onload, onmouseover… */
export function isHandler(name) {
  return /^on/.test(name);
}

export { attribute, textOf };
