import { describe, test } from 'vitest';
import { queryDatabase } from '../grading/db.js';
import { decodeReferences } from './html.js';
import { expectOnPage, findReview, loadPage, postReview, quote, sourceOf, tagsInside, textOf } from './reviews.js';

/** Posts a review by `name` with `text` and checks the page shows the text as text, nothing more. */
async function expectShownAsText(name, text) {
  await postReview(name, text);
  const page = await loadPage();
  const review = findReview(page, 'name', name, `the review by ${name}`);
  const inside = review.text ? tagsInside(review.text) : [];
  if (!review.text || inside.length > 0) {
    page.res.fail(
      `the review's text became HTML. The grader posted a review with the text ${quote(text)}, and a browser reads ` +
        (review.text
          ? `its <p class="text"> as the element${inside.length > 1 ? 's' : ''} ${inside.join(', ')}, not as words. `
          : 'that review without its <p class="text">: the text broke the page\'s markup. ') +
        'Every guest who opens the page would run what a stranger wrote. Escape the text as you write it into the page: ' +
        '& as &amp;, < as &lt; and > as &gt;, so a browser shows the characters instead of reading tags.' +
        `\n\nThe review in your page:\n  ${sourceOf(page.res, review.li)}`,
      { showBody: false },
    );
  }
  const shown = textOf(review.text);
  expectOnPage(
    page.res,
    shown === text,
    `the page to show the review's text exactly as it was typed, ${quote(text)}; a browser shows ${quote(shown)}. ${whyDifferent(text, shown)}` +
      `\n\nThe review in your page:\n  ${sourceOf(page.res, review.li)}`,
  );
}

/** Why the text a browser shows differs from what was typed, in words. */
function whyDifferent(typed, shown) {
  if (decodeReferences(typed) === shown) {
    return 'Every & must be written as &amp; too, or a browser reads the "&lt;" a guest typed as "<".';
  }
  if (/&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/i.test(shown)) {
    return 'It was escaped twice: escape once, when you write it into the page, and store what was typed.';
  }
  return (
    'Part of what was typed is missing or changed. Removing tags changes what guests wrote and misses others ' +
    '(an <img> with onerror, a tag hidden inside another): escape the text instead, so every character shows as typed.'
  );
}

describe('1. Escape the review text', () => {
  test('a review with <script>alert("xss")</script> shows that text, and adds no script to the page', async () => {
    await expectShownAsText('Guest with a script', '<script>alert("xss")</script>');
  });

  test('a review with <img src=x onerror=…> shows that text, and adds no image whose onerror would run', async () => {
    await expectShownAsText('Guest with an image', '<img src=x onerror=alert("xss")>');
  });

  test('a review with <ScRiPt> in mixed case, or a tag hidden inside another, shows that text too', async () => {
    await expectShownAsText('Guest with capitals', '<ScRiPt>alert("xss")</sCrIpT>');
    await expectShownAsText('Guest with a nested tag', '<scr<script>ipt>alert("xss")</scr</script>ipt>');
  });

  test('a review with &, &amp; and &lt; reads exactly as typed: Fish &amp; chips & 5 < 6 &lt;3', async () => {
    await expectShownAsText('Guest with ampersands', 'Fish &amp; chips & 5 < 6 &lt;3 "really" it\'s good');
  });

  test('the database keeps the review text exactly as it was typed, tags and all', async () => {
    const text = '<b>Best</b> soup & "bread" <script>alert("xss")</script>';
    const res = await postReview('Guest in the database', text);
    const rows = await queryDatabase('SELECT text FROM reviews WHERE name = ?', ['Guest in the database']);
    const stored = rows.at(-1)?.text;
    expectOnPage(
      res,
      stored === text,
      `the reviews table to keep the text exactly as it was typed, ${quote(text)}; it holds ${stored === undefined ? 'no review by Guest in the database' : quote(stored)}. ` +
        'Store what guests typed and escape it when you write it into the page: text escaped before it is stored shows as &lt; ' +
        'once the page escapes it again, and is wrong everywhere that is not HTML (JSON, an e-mail, a search).',
    );
  });
});
