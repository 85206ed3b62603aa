import { describe, test } from 'vitest';
import { countQueries, queryDatabase } from '../grading/db.js';
import { request, restartedApp } from '../grading/http.js';

// Every test starts app.js afresh (restartedApp), so its cache starts empty whatever earlier tests
// asked for. The expected answers are read from the database with the grader's own queries.

/** app.js imported again: a new module, so a new, empty cache. */
function freshApp() {
  return restartedApp();
}

/** The dish with this id as the starter answered it. */
async function expectedDish(id) {
  const [dish] = await queryDatabase(
    'SELECT id, name, category, price_cents AS priceCents, description FROM dishes WHERE id = ?',
    [id],
  );
  return dish;
}

/** The menu, or one category of it, as the starter answered it. */
function expectedMenu(category) {
  return category === undefined
    ? queryDatabase('SELECT id, name, category, price_cents AS priceCents FROM dishes ORDER BY id')
    : queryDatabase('SELECT id, name, category, price_cents AS priceCents FROM dishes WHERE category = ? ORDER BY id', [category]);
}

/** `X-Cache: MISS` or the header's absence, in words. */
function xCache(res) {
  const value = res.headers['x-cache'];
  return value === undefined ? 'no X-Cache header' : `X-Cache: ${value}`;
}

function expectXCache(res, value, why) {
  res.expect(res.headers['x-cache'] === value, `the header X-Cache: ${value} ${why}; got ${xCache(res)}`);
}

/** "2 queries: SELECT … (twice)" */
function queriesInWords({ count, statements }) {
  if (count === 0) return 'no query';
  const counts = new Map();
  for (const sql of statements) counts.set(sql, (counts.get(sql) ?? 0) + 1);
  const list = [...counts].map(([sql, times]) => `${sql.replace(/\s+/g, ' ').trim()}${times > 1 ? ` (${times} times)` : ''}`);
  return `${count} ${count === 1 ? 'query' : 'queries'}: ${list.join('; ')}`;
}

/** The JSON in a reply's body whatever its content type (task 2 checks the type), or undefined. */
function json(res) {
  if (res.body !== undefined) return res.body;
  try {
    return JSON.parse(res.text);
  } catch {
    return undefined;
  }
}

/** The same answer, twice: status, content type and body. */
function sameAnswer(first, second) {
  return (
    first.status === second.status &&
    (first.headers['content-type'] ?? '') === (second.headers['content-type'] ?? '') &&
    first.text === second.text
  );
}

describe('1. Say where each answer came from', () => {
  test('the first GET /dishes/3 says X-Cache: MISS, and the second says X-Cache: HIT', async () => {
    const app = await freshApp();
    const first = await request('GET', '/dishes/3', { app });
    first.expectStatus(200);
    expectXCache(first, 'MISS', 'on the first request for dish 3, which only the database could answer');
    const second = await request('GET', '/dishes/3', { app });
    second.expectStatus(200);
    expectXCache(second, 'HIT', 'on the second request for dish 3, answered from the cache');
  });

  test('the first GET /menu?category=dessert says X-Cache: MISS, and the second says X-Cache: HIT', async () => {
    const app = await freshApp();
    const first = await request('GET', '/menu?category=dessert', { app });
    first.expectStatus(200);
    expectXCache(first, 'MISS', 'on the first request for the desserts');
    const second = await request('GET', '/menu?category=dessert', { app });
    second.expectStatus(200);
    expectXCache(second, 'HIT', 'on the second request for the desserts, answered from the cache');
  });

  test('the first GET /menu says X-Cache: MISS, and the second says X-Cache: HIT', async () => {
    const app = await freshApp();
    const first = await request('GET', '/menu', { app });
    first.expectStatus(200);
    expectXCache(first, 'MISS', 'on the first request for the whole menu');
    const second = await request('GET', '/menu', { app });
    second.expectStatus(200);
    expectXCache(second, 'HIT', 'on the second request for the whole menu, answered from the cache');
  });

  test('an unknown dish, GET /dishes/99, answers 404 with X-Cache: MISS', async () => {
    const app = await freshApp();
    const res = await request('GET', '/dishes/99', { app });
    res.expectError(404);
    expectXCache(res, 'MISS', 'on a 404: the database was asked and said "no such dish"');
  });
});

describe('2. Answer the same from the cache', () => {
  test('the HIT for GET /dishes/3 has the same status, content type and body as the MISS: the dish in the database', async () => {
    const app = await freshApp();
    const first = await request('GET', '/dishes/3', { app });
    first.expectStatus(200);
    first.expectJson(await expectedDish(3));
    const second = await request('GET', '/dishes/3', { app });
    second.needsTask(1, second.headers['x-cache'] === 'HIT', 'the second GET /dishes/3 should say X-Cache: HIT');
    second.expectStatus(200);
    second.expectHeader('content-type', /application\/json/);
    second.expectJson(await expectedDish(3));
    second.expect(sameAnswer(first, second), `the HIT to be the same answer as the MISS, byte for byte; the MISS was ${first.text}`);
  });

  test('the HIT for GET /menu?category=starter has the same status, content type and body as the MISS: the starters', async () => {
    const app = await freshApp();
    const first = await request('GET', '/menu?category=starter', { app });
    first.expectStatus(200);
    first.expectJson(await expectedMenu('starter'));
    const second = await request('GET', '/menu?category=starter', { app });
    second.needsTask(1, second.headers['x-cache'] === 'HIT', 'the second GET /menu?category=starter should say X-Cache: HIT');
    second.expectStatus(200);
    second.expectHeader('content-type', /application\/json/);
    second.expectJson(await expectedMenu('starter'));
    second.expect(sameAnswer(first, second), `the HIT to be the same answer as the MISS, byte for byte; the MISS was ${first.text}`);
  });

  test('an unknown dish answers 404 with a JSON error every time, not a cached empty answer', async () => {
    const app = await freshApp();
    const first = await request('GET', '/dishes/99', { app });
    first.expectError(404);
    for (const which of ['second', 'third']) {
      const again = await request('GET', '/dishes/99', { app });
      again.expect(
        again.status === 404,
        `status 404 the ${which} time too: a dish that doesn't exist must not come back from the cache as an empty 200 (a missing dish answers 404 every time); got ${again.status} with ${xCache(again)}`,
      );
      again.expectError(404);
    }
  });
});

describe('3. Read the database once per key', () => {
  test('five GET /dishes/4 in a row run one query in all', async () => {
    const app = await freshApp();
    const replies = [];
    const counted = await countQueries(async () => {
      for (let i = 0; i < 5; i++) replies.push(await request('GET', '/dishes/4', { app }));
    });
    const last = replies.at(-1);
    last.expectStatus(200);
    last.expect(
      counted.count === 1,
      `one query for five requests of the same dish (the first reads the database, the other four the cache); your app ran ${queriesInWords(counted)}`,
    );
  });

  test('five GET /menu?category=main in a row run one query in all', async () => {
    const app = await freshApp();
    const replies = [];
    const counted = await countQueries(async () => {
      for (let i = 0; i < 5; i++) replies.push(await request('GET', '/menu?category=main', { app }));
    });
    const last = replies.at(-1);
    last.expectStatus(200);
    last.expect(
      counted.count === 1,
      `one query for five requests of the main courses (the first reads the database, the other four the cache); your app ran ${queriesInWords(counted)}`,
    );
  });
});

describe('4. Keep one entry per key', () => {
  test('dishes 1 and 2 each get their own answer, the first time and from the cache', async () => {
    const app = await freshApp();
    for (const round of ['first', 'second']) {
      for (const id of [1, 2]) {
        const res = await request('GET', `/dishes/${id}`, { app });
        res.expectStatus(200);
        if (round === 'second') res.needsTask(1, res.headers['x-cache'] === 'HIT', `the second GET /dishes/${id} should say X-Cache: HIT`);
        const want = await expectedDish(id);
        const got = json(res);
        res.expect(
          got?.id === want.id && got?.name === want.name,
          `dish ${id}, ${want.name}, the ${round} time it was asked for; got ${got?.name === undefined ? res.text : `${got.name} (id ${got.id})`} with ${xCache(res)}. Does the cache key include the id?`,
        );
      }
    }
  });

  test('the starters, the desserts and the whole menu are three entries, each with its own dishes', async () => {
    const app = await freshApp();
    for (const round of ['first', 'second']) {
      for (const category of ['starter', 'dessert', undefined]) {
        const path = category === undefined ? '/menu' : `/menu?category=${category}`;
        const res = await request('GET', path, { app });
        res.expectStatus(200);
        if (round === 'second') res.needsTask(1, res.headers['x-cache'] === 'HIT', `the second GET ${path} should say X-Cache: HIT`);
        const want = (await expectedMenu(category)).map((dish) => dish.id);
        const body = json(res);
        const got = Array.isArray(body) ? body.map((dish) => dish?.id) : undefined;
        res.expect(
          JSON.stringify(got) === JSON.stringify(want),
          `the dishes ${want.join(', ')} (${category ?? 'the whole menu'}) the ${round} time; got ${got === undefined ? res.text : `the dishes ${got.join(', ')}`} with ${xCache(res)}. Does the cache key include the query string?`,
        );
      }
    }
  });

  test('the first request for each of the dishes 1, 2 and 5 reads the database, with one query', async () => {
    const app = await freshApp();
    for (const id of [1, 2, 5]) {
      let res;
      const counted = await countQueries(async () => {
        res = await request('GET', `/dishes/${id}`, { app });
      });
      res.expectStatus(200);
      res.expect(
        counted.count === 1,
        `one query for the first request of dish ${id}, a key the cache has not seen yet; your app ran ${queriesInWords(counted)}${counted.count === 0 ? ', so it answered from the entry of another dish: does the cache key include the id?' : ''}`,
      );
    }
  });
});
