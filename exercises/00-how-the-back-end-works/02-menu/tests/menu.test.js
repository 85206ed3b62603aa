import { describe, test } from 'vitest';
import { request } from '../grading/http.js';

// A copy of the menu the starter gives the learner, so each task can be graded on its own.
const MENU = [
  { id: 1, name: 'Tomato soup', price: 6.5, category: 'starters' },
  { id: 2, name: 'Garlic bread', price: 4, category: 'starters' },
  { id: 3, name: 'Margherita pizza', price: 11, category: 'mains' },
  { id: 4, name: 'Mushroom risotto', price: 13.5, category: 'mains' },
  { id: 5, name: 'Fish and chips', price: 14, category: 'mains' },
  { id: 6, name: 'Chocolate cake', price: 7, category: 'desserts' },
  { id: 7, name: 'Lemon sorbet', price: 5, category: 'desserts' },
  { id: 8, name: 'Lemonade', price: 3.5, category: 'drinks' },
];
const EVERY_ID = MENU.map((dish) => dish.id);

/** The ids of the dishes in a reply, sorted, so any order of results is accepted. */
function idsOf(body) {
  return body.map((dish) => dish?.id).sort((a, b) => a - b);
}

function listOf(ids) {
  return ids.length === 0 ? 'no dishes (an empty array)' : `the dishes with ids [${ids.join(', ')}]`;
}

/**
 * Checks that a filtered reply is 200 with a JSON array holding exactly the dishes with these ids,
 * each as the app's own GET /menu lists it: how a dish looks is task 1's business, which dishes are
 * kept is this task's. `why` explains the expected list when it is not obvious.
 */
async function expectDishes(res, expectedIds, why) {
  res.expectStatus(200);
  res.expectHeader('content-type', /application\/json/);
  res.expect(Array.isArray(res.body), 'the body to be a JSON array of dishes');
  const got = idsOf(res.body);
  res.expect(
    JSON.stringify(got) === JSON.stringify(expectedIds),
    `${listOf(expectedIds)}${why ? `, because ${why}` : ''}; got ${got.length === 0 ? 'an empty array' : `the ids [${got.join(', ')}]`}`,
  );
  const whole = await request('GET', '/menu');
  whole.needsTask(
    1,
    whole.status === 200 && Array.isArray(whole.body),
    'GET /menu should answer 200 with the whole menu as a JSON array',
  );
  for (const dish of res.body) {
    const listed = whole.body.find((item) => item?.id === dish.id);
    res.expect(
      JSON.stringify(dish) === JSON.stringify(listed),
      `each dish to be sent as GET /menu lists it, like ${JSON.stringify(listed)}; got ${JSON.stringify(dish)}`,
    );
  }
}

describe('1. List the whole menu', () => {
  test('GET /menu answers 200 with the whole menu as a JSON array', async () => {
    const res = await request('GET', '/menu');
    res.expectStatus(200);
    res.expectHeader('content-type', /application\/json/);
    res.expectJson(MENU);
  });
});

describe('2. Find one dish by its id', () => {
  test('GET /menu/3 answers 200 with the Margherita pizza', async () => {
    const res = await request('GET', '/menu/3');
    res.expectStatus(200);
    res.expectHeader('content-type', /application\/json/);
    res.expectJson(MENU[2]);
  });

  test('GET /menu/8 answers 200 with the last dish, the lemonade', async () => {
    const res = await request('GET', '/menu/8');
    res.expectStatus(200);
    res.expectJson(MENU[7]);
  });

  test('GET /menu/99 answers 404 with a JSON error because no dish has id 99', async () => {
    const res = await request('GET', '/menu/99');
    res.expectError(404);
  });
});

describe('3. Filter the menu with query strings', () => {
  test('GET /menu?maxPrice=6.5 answers only the dishes that cost 6.5 or less', async () => {
    await expectDishes(await request('GET', '/menu', { query: { maxPrice: '6.5' } }), [1, 2, 7, 8]);
  });

  test('GET /menu?maxPrice=3 answers an empty array when nothing is that cheap', async () => {
    await expectDishes(await request('GET', '/menu', { query: { maxPrice: '3' } }), []);
  });

  test('GET /menu?category=desserts answers only the desserts', async () => {
    await expectDishes(await request('GET', '/menu', { query: { category: 'desserts' } }), [6, 7]);
  });

  test('GET /menu?category=mains&maxPrice=13.5 applies both filters together', async () => {
    await expectDishes(await request('GET', '/menu', { query: { category: 'mains', maxPrice: '13.5' } }), [3, 4]);
  });

  test('GET /menu?maxPrice= (nothing after the =, or only spaces) answers every dish: a blank maxPrice filters nothing', async () => {
    for (const maxPrice of ['', '  ']) {
      const res = await request('GET', '/menu', { query: { maxPrice } });
      res.expect(
        res.status !== 400,
        'every dish with status 200: a blank maxPrice counts as not given, it is not an error; got 400',
      );
      await expectDishes(res, EVERY_ID, 'a blank maxPrice counts as not given');
    }
  });

  test('GET /menu?category= (nothing after the =) answers every dish: a blank category filters nothing', async () => {
    await expectDishes(await request('GET', '/menu', { query: { category: '' } }), EVERY_ID, 'a blank category counts as not given');
  });

  test('GET /menu?category=Mains and ?category=main answer no dishes: a category must match exactly', async () => {
    for (const category of ['Mains', 'main']) {
      await expectDishes(
        await request('GET', '/menu', { query: { category } }),
        [],
        `"${category}" is not exactly "mains"`,
      );
    }
  });
});

describe('4. Reject a maxPrice that is not a number', () => {
  test('GET /menu?maxPrice=cheap answers 400 with a JSON error', async () => {
    const res = await request('GET', '/menu', { query: { maxPrice: 'cheap' } });
    res.expectError(400);
  });

  test('GET /menu?category=mains&maxPrice=ten answers 400 with a JSON error', async () => {
    const res = await request('GET', '/menu', { query: { category: 'mains', maxPrice: 'ten' } });
    res.expectError(400);
  });

  test('GET /menu?maxPrice=5&maxPrice=10 answers 400 with a JSON error: a maxPrice given twice is not one number', async () => {
    const res = await request('GET', '/menu?maxPrice=5&maxPrice=10');
    res.expect(
      res.status !== 500,
      'status 400 with a JSON error; got 500, so your app crashed. A parameter given twice arrives in req.query ' +
        "as an array, ['5', '10'], not as a string: check that maxPrice is a string before you call string methods on it",
    );
    res.expectError(400);
  });

  test('GET /menu?maxPrice=20 still answers 200 with every dish', async () => {
    await expectDishes(await request('GET', '/menu', { query: { maxPrice: '20' } }), EVERY_ID);
  });
});
