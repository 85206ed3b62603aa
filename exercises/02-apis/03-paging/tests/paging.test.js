import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { addNewestRecipe, expectEachOnce, expectQueryError, expectedIds, followNext, list, pageIds } from './recipes.js';

/** The same ids, in any order. */
function sameSet(a, b) {
  return a.length === b.length && [...a].sort((x, y) => x - y).every((id, i) => id === [...b].sort((x, y) => x - y)[i]);
}

describe('1. Search the titles', () => {
  test('GET /recipes?q=soup answers the recipes whose title contains "soup", and no others', async () => {
    const expected = await expectedIds({ q: 'soup' });
    const res = await request('GET', '/recipes?q=soup');
    const ids = pageIds(res);
    res.expect(sameSet(ids, expected), `the recipes ${list(expected)} (every title with "soup" in it); got ${list(ids)}`);
  });

  test('GET /recipes?q=SOUP finds the same recipes: the search ignores case', async () => {
    const expected = await expectedIds({ q: 'soup' });
    const res = await request('GET', '/recipes?q=SOUP');
    const ids = pageIds(res);
    res.expect(sameSet(ids, expected), `the recipes ${list(expected)}, as for q=soup; got ${list(ids)}`);
  });

  test('% and _ in q match themselves: q=100% finds only "100% rye bread", q=_ finds nothing', async () => {
    const percent = await expectedIds({ q: '100%' });
    const res = await request('GET', '/recipes?q=100%25');
    const ids = pageIds(res);
    res.expect(sameSet(ids, percent), `only the recipe ${list(percent)} ("100% rye bread"), since % must match itself; got ${list(ids)}`);
    const underscore = await request('GET', '/recipes?q=_');
    const none = pageIds(underscore);
    underscore.expect(none.length === 0, `no recipe, since no title has an underscore and _ must match itself; got ${list(none)}`);
  });

  test('a blank q= filters nothing: GET /recipes?q= answers what GET /recipes answers', async () => {
    const all = await request('GET', '/recipes');
    const expected = pageIds(all);
    const res = await request('GET', '/recipes?q=');
    const ids = pageIds(res);
    res.expect(JSON.stringify(ids) === JSON.stringify(expected), `the same recipes as GET /recipes, ${list(expected)}; got ${list(ids)}`);
  });
});

/** The reply lists the first recipes of `expected`, in its order (as many as the page holds, at least 10). */
function expectOrder(res, expected, what) {
  const ids = pageIds(res);
  const wanted = expected.slice(0, Math.max(ids.length, Math.min(10, expected.length)));
  res.expect(JSON.stringify(ids) === JSON.stringify(wanted), `${what}: ${list(wanted)}; got ${list(ids)}`);
}

describe('2. Sort from an allow-list', () => {
  test('GET /recipes answers the newest first, and of recipes created together the higher id first', async () => {
    expectOrder(await request('GET', '/recipes'), await expectedIds(), 'the recipes newest first (ties by id, highest first)');
  });

  test('GET /recipes?sort=-createdAt answers the same order', async () => {
    expectOrder(await request('GET', '/recipes?sort=-createdAt'), await expectedIds(), 'the recipes newest first (ties by id, highest first)');
  });

  test('GET /recipes?sort=createdAt answers the oldest first, and of recipes created together the lower id first', async () => {
    expectOrder(
      await request('GET', '/recipes?sort=createdAt'),
      await expectedIds({ sort: 'createdAt' }),
      'the recipes oldest first (ties by id, lowest first)',
    );
  });

  test('GET /recipes?sort=title and ?sort=-title answer the recipes by title, ties by id in the same direction', async () => {
    expectOrder(await request('GET', '/recipes?sort=title'), await expectedIds({ sort: 'title' }), 'the recipes by title, A to Z (ties by id, lowest first)');
    expectOrder(await request('GET', '/recipes?sort=-title'), await expectedIds({ sort: '-title' }), 'the recipes by title, Z to A (ties by id, highest first)');
  });

  test('a sort that is not on the list answers 400 naming "sort"', async () => {
    for (const sort of ['price', 'created_at', 'createdAt; DROP TABLE recipes', '--createdAt']) {
      const res = await request('GET', `/recipes?sort=${encodeURIComponent(sort)}`);
      expectQueryError(res, 'sort', ` (for sort=${sort})`);
    }
  });
});

describe('3. Cap the page size', () => {
  test('GET /recipes without a limit answers 10 recipes', async () => {
    const res = await request('GET', '/recipes');
    const ids = pageIds(res);
    res.expect(ids.length === 10, `10 recipes on a page when no limit is sent; got ${ids.length}`);
  });

  test('GET /recipes?limit=3 answers 3 recipes, and ?limit=50 answers 50', async () => {
    for (const limit of [3, 50]) {
      const res = await request('GET', `/recipes?limit=${limit}`);
      const ids = pageIds(res);
      res.expect(ids.length === limit, `${limit} recipes for limit=${limit}; got ${ids.length}`);
    }
  });

  test('a page holds the first recipes of the order: ?limit=5 is the start of ?limit=20', async () => {
    const long = pageIds(await request('GET', '/recipes?limit=20&sort=title'));
    const res = await request('GET', '/recipes?limit=5&sort=title');
    const ids = pageIds(res);
    res.expect(JSON.stringify(ids) === JSON.stringify(long.slice(0, 5)), `the first 5 recipes of ?limit=20&sort=title, ${list(long.slice(0, 5))}; got ${list(ids)}`);
  });

  test('a limit that is not a whole number from 1 to 50 answers 400 naming "limit"', async () => {
    for (const limit of ['51', '0', '-1', 'abc', '2.5']) {
      const res = await request('GET', `/recipes?limit=${limit}`);
      expectQueryError(res, 'limit', ` (for limit=${limit})`);
    }
  });
});

describe('4. Follow the next link', () => {
  test('a page with more recipes after it has a next link starting with /recipes?', async () => {
    const res = await request('GET', '/recipes?limit=5');
    const ids = pageIds(res);
    res.needsTask(3, ids.length === 5, `GET /recipes?limit=5 should answer 5 recipes (it answered ${ids.length})`);
    res.expect(
      typeof res.body.next === 'string' && res.body.next.startsWith('/recipes?'),
      `"next" to be a link starting with "/recipes?", since more recipes follow; got ${JSON.stringify(res.body.next)}`,
    );
  });

  test('following next from the first page shows every recipe once, even when new ones are added between pages', async () => {
    const first = await request('GET', '/recipes?limit=7');
    first.needsTask(3, pageIds(first).length === 7, 'GET /recipes?limit=7 should answer 7 recipes');
    const expected = await expectedIds();
    const { pages, last } = await followNext('/recipes?limit=7', {
      between: async () => {
        await addNewestRecipe();
        await addNewestRecipe();
      },
    });
    expectEachOnce(last, pages, expected, '/recipes?limit=7 (two new recipes were added before each page)');
  });

  test('the next links keep q and sort: following them from ?q=soup&sort=createdAt&limit=3 shows each soup once, and nothing else', async () => {
    const expected = await expectedIds({ q: 'soup', sort: 'createdAt' });
    const { pages, last } = await followNext('/recipes?q=soup&sort=createdAt&limit=3');
    const shown = pages.flatMap((page) => page.ids);
    const others = shown.filter((id) => !expected.includes(id));
    last.expect(others.length === 0, `only recipes with "soup" in the title; the pages also showed recipes ${list(others)}, so a next link lost the q filter`);
    expectEachOnce(last, pages, expected, '/recipes?q=soup&sort=createdAt&limit=3');
  });

  test('following next through ?sort=-title&limit=6 shows every recipe once, the two of the same title too', async () => {
    const expected = await expectedIds({ sort: '-title' });
    const { pages, last } = await followNext('/recipes?sort=-title&limit=6');
    expectEachOnce(last, pages, expected, '/recipes?sort=-title&limit=6');
  });

  test('a page that holds the last recipe has "next": null, even when the page is exactly full', async () => {
    const soups = await expectedIds({ q: 'soup' });
    const res = await request('GET', `/recipes?q=soup&limit=${soups.length}`);
    const ids = pageIds(res);
    res.needsTask(3, ids.length === soups.length, `GET /recipes?q=soup&limit=${soups.length} should answer the ${soups.length} soups there are (it answered ${ids.length} recipes)`);
    res.expect(
      res.body.next === null,
      `"next": null, since this page holds all ${soups.length} soups there are and no recipe follows; got ${JSON.stringify(res.body.next)}`,
    );
  });

  test('a cursor the app did not give out answers 400 naming "cursor"', async () => {
    const made = {
      'not-a-cursor': 'not-a-cursor',
      [Buffer.from('{"id":5}').toString('base64url')]: 'the text {"id":5} in base64url',
      [Buffer.from('[5]').toString('base64url')]: 'the text [5] in base64url',
    };
    for (const [cursor, what] of Object.entries(made)) {
      const res = await request('GET', `/recipes?cursor=${cursor}`);
      expectQueryError(res, 'cursor', ` (for the cursor ${cursor}, ${what})`);
    }
  });
});
