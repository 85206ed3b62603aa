import { describe, test } from 'vitest';
import { expectRow, queryDatabase } from '../grading/db.js';
import { request } from '../grading/http.js';
import { GOOD_DISH, addDish, dishCount, expectErrors, expectRefusedDish, show, storedDish } from './dishes.js';

describe('1. Check a new dish against a schema', () => {
  test('a name that is left out, empty, only spaces, not text or longer than 80 characters answers 400 naming "name"', async () => {
    for (const name of [undefined, '', '   ', 42, null, 'x'.repeat(81)]) {
      await expectRefusedDish({ ...GOOD_DISH, name }, ['name'], ` (for the name ${show(name)})`);
    }
  });

  test('a priceCents that is left out, text, not whole, below 1 or above 100000 answers 400 naming "priceCents"', async () => {
    for (const priceCents of [undefined, '750', 7.5, 0, -100, 100001]) {
      await expectRefusedDish({ ...GOOD_DISH, priceCents }, ['priceCents'], ` (for the priceCents ${show(priceCents)})`);
    }
  });

  test('a category that is left out or not starter, main or dessert answers 400 naming "category"', async () => {
    for (const category of [undefined, 'drinks', 'Main', 3]) {
      await expectRefusedDish({ ...GOOD_DISH, category }, ['category'], ` (for the category ${show(category)})`);
    }
  });

  test('a vegetarian that is not true or false answers 400 naming "vegetarian"', async () => {
    for (const vegetarian of ['yes', 1, null]) {
      await expectRefusedDish({ ...GOOD_DISH, vegetarian }, ['vegetarian'], ` (for vegetarian ${show(vegetarian)})`);
    }
  });

  test('dishes at the edges of the rules are stored: an 80-character name, priceCents 1 and 100000, each category, no vegetarian', async () => {
    for (const dish of [
      { ...GOOD_DISH, name: 'y'.repeat(80) },
      { name: 'Bread', priceCents: 1, category: 'starter' },
      { name: 'Lemon posset', priceCents: 700, category: 'dessert', vegetarian: true },
      { name: 'Truffle menu', priceCents: 100000, category: 'main', vegetarian: false },
    ]) {
      const res = await request('POST', '/dishes', { body: dish });
      res.expectStatus(201);
      res.expectJsonContaining({ name: dish.name, priceCents: dish.priceCents, category: dish.category });
    }
  });
});

describe('2. Name every problem at once', () => {
  test('a dish with four bad fields answers 400 naming all four', async () => {
    await expectRefusedDish({ name: '', priceCents: 0, category: 'drinks', vegetarian: 'no' }, [
      'name',
      'priceCents',
      'category',
      'vegetarian',
    ]);
  });

  test('an empty object {} answers 400 naming name, priceCents and category', async () => {
    await expectRefusedDish({}, ['name', 'priceCents', 'category']);
  });

  test('a request with no body answers 400 with one entry for "body"', async () => {
    await expectRefusedDish(undefined, ['body'], ' (the request had no body at all)');
  });

  test('a JSON array instead of an object answers 400 with one entry for "body"', async () => {
    await expectRefusedDish([GOOD_DISH], ['body'], ' (the body was a JSON array)');
  });
});

describe('3. Store only clean data', () => {
  test('a name sent with spaces around it is stored and answered without them', async () => {
    const res = await request('POST', '/dishes', { body: { ...GOOD_DISH, name: '  Onion soup   ' } });
    res.expectStatus(201);
    res.expect(res.body?.name === 'Onion soup', `the name "Onion soup", without the spaces around it; got ${JSON.stringify(res.body?.name)}`);
    res.expect(Number.isInteger(res.body?.id), `the dish to have its "id"; got ${JSON.stringify(res.body?.id)}`);
    await expectRow('dishes', { id: res.body.id }, { name: 'Onion soup' });
  });

  test('fields the schema does not know are dropped: not stored, not answered, the id is the database\'s', async () => {
    const before = await queryDatabase('SELECT max(id) AS id FROM dishes');
    const res = await request('POST', '/dishes', { body: { ...GOOD_DISH, id: 999999, chef: 'Ada', featured: true } });
    res.expectStatus(201);
    const keys = Object.keys(res.body ?? {}).sort();
    res.expect(
      JSON.stringify(keys) === JSON.stringify(['category', 'id', 'name', 'priceCents', 'vegetarian']),
      `the answer to have only the five fields of a dish, id, name, priceCents, category and vegetarian; it has ${keys.join(', ')}`,
    );
    res.expect(
      res.body.id !== 999999 && res.body.id > (before[0].id ?? 0),
      `the id to be the one the database gave the new row, not the "id" the client sent; got ${JSON.stringify(res.body.id)}`,
    );
    const stored = await queryDatabase('SELECT id FROM dishes WHERE id = 999999');
    res.expect(stored.length === 0, 'no dish to be stored with the id 999999 the client sent');
  });

  test('a dish sent without vegetarian is stored and answered as not vegetarian', async () => {
    const res = await request('POST', '/dishes', { body: { name: 'Fish pie', priceCents: 1600, category: 'main' } });
    res.expectStatus(201);
    res.expect(res.body?.vegetarian === false, `"vegetarian": false; got ${JSON.stringify(res.body?.vegetarian)}`);
    await expectRow('dishes', { id: res.body.id }, { vegetarian: 0 });
  });
});

/** The reply is the list of dishes with the ids of `rows`, in that order. */
function expectIds(res, rows, what) {
  const ids = Array.isArray(res.body) ? res.body.map((dish) => dish?.id) : res.body;
  const expected = rows.map((row) => row.id);
  res.expect(JSON.stringify(ids) === JSON.stringify(expected), `${what}: the dishes with the ids ${JSON.stringify(expected)}; got ${JSON.stringify(ids)}`);
}

/** Sends a PATCH that should be refused naming `fields`, and checks the dish stayed as it was. */
async function expectRefusedChange(body, fields, what) {
  const dish = await addDish();
  const res = await request('PATCH', `/dishes/${dish.id}`, { body });
  expectErrors(res, fields, what);
  const after = await storedDish(dish.id);
  res.expect(JSON.stringify(after) === JSON.stringify(dish), `the dish to stay ${JSON.stringify(dish)}; it is now ${JSON.stringify(after)}`);
}

describe('4. Check changes with the same rules', () => {
  test('PATCH /dishes/:id with a priceCents below 1 or above 100000 answers 400 naming "priceCents" and changes nothing', async () => {
    for (const priceCents of [0, 100001]) {
      await expectRefusedChange({ priceCents }, ['priceCents'], ` (for the priceCents ${show(priceCents)})`);
    }
  });

  test('PATCH /dishes/:id with an empty name or an unknown category answers 400 naming that field', async () => {
    await expectRefusedChange({ name: '' }, ['name'], ' (for the name "")');
    await expectRefusedChange({ category: 'drinks' }, ['category'], ' (for the category "drinks")');
  });

  test('PATCH /dishes/:id with {} answers 400 with one entry for "body"', async () => {
    await expectRefusedChange({}, ['body'], ' (the change sent no field)');
  });

  test('a good PATCH changes only the fields it sends: a vegetarian dish stays vegetarian', async () => {
    const dish = await addDish({ name: 'Mushroom risotto', priceCents: 1400, category: 'main', vegetarian: true });
    const res = await request('PATCH', `/dishes/${dish.id}`, { body: { priceCents: 1500 } });
    res.expectStatus(200);
    const expected = { ...dish, priceCents: 1500 };
    res.expectJson(expected);
    const after = await storedDish(dish.id);
    res.expect(JSON.stringify(after) === JSON.stringify(expected), `the stored dish to be ${JSON.stringify(expected)}; it is ${JSON.stringify(after)}`);
  });

  test('a good PATCH /dishes/999999 answers 404 with a JSON error when there is no such dish', async () => {
    const res = await request('PATCH', '/dishes/999999', { body: { priceCents: 1500 } });
    res.expectError(404);
  });
});

describe('5. Check the query string', () => {
  test('GET /dishes with no query answers every dish, and with only maxPriceCents the dishes of every category', async () => {
    await addDish({ name: 'Lemon tart', priceCents: 900, category: 'dessert', vegetarian: true });
    const all = await request('GET', '/dishes');
    all.expectStatus(200);
    const every = await queryDatabase('SELECT id FROM dishes ORDER BY id');
    expectIds(all, every, 'every dish in the table');
    const cheap = await request('GET', '/dishes?maxPriceCents=1000');
    cheap.expectStatus(200);
    expectIds(cheap, await queryDatabase('SELECT id FROM dishes WHERE price_cents <= 1000 ORDER BY id'), 'the dishes of 1000 cents or less, of every category');
  });


  test('GET /dishes?category=drinks answers 400 naming "category"', async () => {
    const res = await request('GET', '/dishes?category=drinks');
    expectErrors(res, ['category']);
  });

  test('GET /dishes?maxPriceCents= with abc, 0 or 2.5 answers 400 naming "maxPriceCents"', async () => {
    for (const value of ['abc', '0', '2.5']) {
      const res = await request('GET', `/dishes?maxPriceCents=${value}`);
      expectErrors(res, ['maxPriceCents'], ` (for maxPriceCents=${value})`);
    }
  });

  test('GET /dishes?category=main&maxPriceCents=1500&page=2 answers 200 with the mains of 1500 cents or less', async () => {
    await addDish({ name: 'Vegetable curry', priceCents: 1200, category: 'main', vegetarian: true });
    const res = await request('GET', '/dishes?category=main&maxPriceCents=1500&page=2');
    res.expectStatus(200);
    const rows = await queryDatabase(
      "SELECT id FROM dishes WHERE category = 'main' AND price_cents <= 1500 ORDER BY id",
    );
    expectIds(res, rows, 'the mains of 1500 cents or less (page=2 is ignored)');
  });
});

describe('6. Answer broken JSON in the same shape', () => {
  test('POST /dishes with a body cut short answers 400 with one entry for "body"', async () => {
    const before = await dishCount();
    const res = await request('POST', '/dishes', {
      body: '{"name": "Soup",',
      headers: { 'content-type': 'application/json' },
    });
    expectErrors(res, ['body'], ' (the body was not valid JSON)');
    const after = await dishCount();
    res.expect(after === before, `nothing to be stored; the dishes table went from ${before} to ${after} rows`);
  });

  test('PATCH /dishes/:id with a body that is not JSON answers 400 with one entry for "body"', async () => {
    const dish = await addDish();
    const res = await request('PATCH', `/dishes/${dish.id}`, {
      body: "{ priceCents: 700 }",
      headers: { 'content-type': 'application/json' },
    });
    expectErrors(res, ['body'], ' (the body was not valid JSON: its keys have no quotes)');
  });

  test('a body over 100 kB is not broken JSON: POST /dishes still answers 413', async () => {
    const res = await request('POST', '/dishes', { body: { ...GOOD_DISH, name: 'x'.repeat(120_000) } });
    res.expectStatus(413);
  });
});
