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

/** The ids of the dishes in a reply, sorted, so any order of results is accepted. */
function idsOf(body) {
  return body.map((dish) => dish?.id).sort((a, b) => a - b);
}

/** Checks that the reply is 200 with a JSON array holding exactly the dishes with these ids. */
function expectDishes(res, expectedIds) {
  res.expectStatus(200);
  res.expectHeader('content-type', /application\/json/);
  res.expect(Array.isArray(res.body), 'the body to be a JSON array of dishes');
  const got = idsOf(res.body);
  res.expect(
    JSON.stringify(got) === JSON.stringify(expectedIds),
    `the dishes with ids [${expectedIds.join(', ')}], got the ids [${got.join(', ')}]`,
  );
  for (const dish of res.body) {
    const original = MENU.find((item) => item.id === dish.id);
    res.expect(
      JSON.stringify(dish) === JSON.stringify(original),
      `each dish to be sent as it is on the menu, like ${JSON.stringify(original)}; got ${JSON.stringify(dish)}`,
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
    expectDishes(await request('GET', '/menu', { query: { maxPrice: '6.5' } }), [1, 2, 7, 8]);
  });

  test('GET /menu?maxPrice=3 answers an empty array when nothing is that cheap', async () => {
    expectDishes(await request('GET', '/menu', { query: { maxPrice: '3' } }), []);
  });

  test('GET /menu?category=desserts answers only the desserts', async () => {
    expectDishes(await request('GET', '/menu', { query: { category: 'desserts' } }), [6, 7]);
  });

  test('GET /menu?category=mains&maxPrice=13.5 applies both filters together', async () => {
    expectDishes(await request('GET', '/menu', { query: { category: 'mains', maxPrice: '13.5' } }), [3, 4]);
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

  test('GET /menu?maxPrice=20 still answers 200 with every dish', async () => {
    expectDishes(await request('GET', '/menu', { query: { maxPrice: '20' } }), [1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
