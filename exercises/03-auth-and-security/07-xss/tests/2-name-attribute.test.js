import { describe, test } from 'vitest';
import { attribute, expectOnPage, findReview, isHandler, loadPage, postReview, quote, sourceOf, tagsInside, textOf } from './reviews.js';

/** Posts a review by `name` and returns it as the page shows it, found by its plain text. */
async function reviewBy(name, text) {
  await postReview(name, text);
  const page = await loadPage();
  return { page, review: findReview(page, 'text', text, `the review ${quote(text)}`) };
}

describe('2. Escape the name inside the attribute too', () => {
  test('a name with a double quote stays inside title="…" and adds no onmouseover attribute', async () => {
    const name = `Sam" onmouseover="alert('xss')`;
    const { page, review } = await reviewBy(name, 'Lovely soup, from Sam');
    const names = review.li.attrs.map(([attr]) => attr);
    const extra = names.filter((attr) => attr !== 'class' && attr !== 'title');
    if (extra.length > 0) {
      const handlers = extra.filter(isHandler);
      page.res.fail(
        `the name broke out of the title attribute. The grader posted a review by ${quote(name)}, and a browser reads its <li> ` +
          `with the attribute${extra.length > 1 ? 's' : ''} ${extra.join(', ')} as well as class and title` +
          (handlers.length > 0 ? `: ${handlers[0]} runs code as soon as someone points at the review. ` : '. ') +
          'Inside an attribute value a " ends the value: escape it as &quot; (and &, <, > as in the text).' +
          `\n\nThe review in your page:\n  ${sourceOf(page.res, review.li)}`,
        { showBody: false },
      );
    }
    const title = attribute(review.li, 'title');
    expectOnPage(
    page.res,
      title === `Review by ${name}`,
      `the <li>'s title to read ${quote(`Review by ${name}`)}; a browser reads ${title === undefined ? 'no title' : quote(title)}` +
        `\n\nThe review in your page:\n  ${sourceOf(page.res, review.li)}`,
    );
  });

  test('a name with quotes, tags and &amp; reads exactly as typed, in the title and in the page', async () => {
    const name = `<b>Jo</b> "The Chef" O'Neil &amp; Co`;
    const { page, review } = await reviewBy(name, 'Great risotto, from Jo');
    const source = `\n\nThe review in your page:\n  ${sourceOf(page.res, review.li)}`;
    const title = attribute(review.li, 'title');
    expectOnPage(
    page.res,
      title === `Review by ${name}`,
      `the <li>'s title to read ${quote(`Review by ${name}`)}, as typed; a browser reads ${title === undefined ? 'no title' : quote(title)}. ` +
        'Escape &, <, > and " in the name wherever you write it, once.' +
        source,
    );
    const inside = review.name ? tagsInside(review.name) : [];
    expectOnPage(
    page.res,
      review.name && inside.length === 0 && textOf(review.name) === name,
      `the <strong class="name"> to show ${quote(name)} as text; ` +
        (!review.name
          ? 'the review has no <strong class="name">.'
          : inside.length > 0
            ? `a browser reads the element${inside.length > 1 ? 's' : ''} ${inside.join(', ')} in it.`
            : `a browser shows ${quote(textOf(review.name))}.`) +
        source,
    );
  });
});
