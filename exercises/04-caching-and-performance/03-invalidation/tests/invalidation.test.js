import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { cacheHeader, changePriceDirectly, countQueries, get, newPrice, startApp, waitSeconds } from './kitchen.js';

/** Reads `path` twice from a fresh app: the first answer must be a MISS and the second a HIT, as the starter's cache-aside gives. */
async function warmUp(app, path) {
  const first = await get(app, path);
  first.expectStatus(200);
  const second = await get(app, path);
  second.expectStatus(200);
  second.expect(
    first.headers['x-cache'] === 'MISS' && second.headers['x-cache'] === 'HIT',
    `a first GET ${path} with X-Cache: MISS and a second with X-Cache: HIT, as the starter's cache answers; they had ${cacheHeader(first)} and ${cacheHeader(second)}`,
  );
  return first;
}

/** The price of dish `id` in a reply: the dish itself, or its line in the menu. */
function priceIn(res, id) {
  const dish = Array.isArray(res.body) ? res.body.find((line) => line?.id === id) : res.body;
  return dish?.priceCents;
}

async function patchPrice(app, id, priceCents) {
  const res = await request('PATCH', `/dishes/${id}`, { app, body: { priceCents } });
  res.expectStatus(200);
  res.expectJsonContaining({ id, priceCents });
}

/** After a change to dish `id`, `path` must answer MISS with the new price, then HIT with it. */
async function expectFreshAfterPatch(app, path, id, price, advice) {
  const res = await get(app, path);
  res.expectStatus(200);
  res.expect(
    res.headers['x-cache'] === 'MISS' && priceIn(res, id) === price,
    `X-Cache: MISS and dish ${id} at "priceCents": ${price} right after PATCH /dishes/${id} set that price; got ${cacheHeader(res)} and dish ${id} at "priceCents": ${JSON.stringify(priceIn(res, id))}. ${advice}`,
  );
  const again = await get(app, path);
  again.expect(
    again.headers['x-cache'] === 'HIT' && priceIn(again, id) === price,
    `X-Cache: HIT with dish ${id} at "priceCents": ${price} for the next GET ${path}: the MISS should put the fresh answer back in the cache; got ${cacheHeader(again)} and dish ${id} at "priceCents": ${JSON.stringify(priceIn(again, id))}`,
  );
}

describe('1. Forget a dish when it changes', () => {
  test('after PATCH /dishes/3, GET /dishes/3 is a MISS with the new price, then a HIT again', async () => {
    const app = await startApp();
    await warmUp(app, '/dishes/3');
    const price = newPrice();
    await patchPrice(app, 3, price);
    await expectFreshAfterPatch(app, '/dishes/3', 3, price, "When PATCH /dishes/:id has changed the dish, delete the dish's own entry from the cache");
  });

  test('PATCH /dishes/:id still answers 400 for a price that is not a whole number above 0, and 404 for an unknown dish', async () => {
    const app = await startApp();
    for (const priceCents of [0, 12.5, '1550']) {
      const res = await request('PATCH', '/dishes/2', { app, body: { priceCents } });
      res.expectError(400);
    }
    const empty = await request('PATCH', '/dishes/2', { app });
    empty.expectError(400);
    const unknown = await request('PATCH', '/dishes/99', { app, body: { priceCents: 1000 } });
    unknown.expectError(404);
    const missing = await get(app, '/dishes/99');
    missing.expectError(404);
  });
});

describe('2. Forget the menu when a dish changes', () => {
  test('after PATCH /dishes/5, GET /menu is a MISS with the new price, then a HIT again', async () => {
    const app = await startApp();
    await warmUp(app, '/menu');
    const price = newPrice();
    await patchPrice(app, 5, price);
    await expectFreshAfterPatch(app, '/menu', 5, price, 'The menu lists every dish, so its entry is wrong too when one dish changes: delete it as well');
  });
});

/**
 * Reads `path` (a MISS), changes dish `id` behind the app's back, and checks the cache keeps the old
 * answer 55 seconds later and gives the new one 61 seconds after the read.
 */
async function expectExpiry(path, id) {
  const app = await startApp();
  const first = await warmUp(app, path);
  const old = priceIn(first, id);
  const price = newPrice();
  await changePriceDirectly(id, price);
  await waitSeconds(55);
  const early = await get(app, path);
  early.expect(
    early.headers['x-cache'] === 'HIT' && priceIn(early, id) === old,
    `X-Cache: HIT with dish ${id}'s price as it was read, ${old}, 55 seconds after the first read: an entry lives 60 seconds; got ${cacheHeader(early)} and dish ${id} at "priceCents": ${JSON.stringify(priceIn(early, id))}`,
  );
  await waitSeconds(6);
  const late = await get(app, path);
  late.expect(
    late.headers['x-cache'] === 'MISS' && priceIn(late, id) === price,
    `X-Cache: MISS with dish ${id}'s price as the database has it now, ${price}, 61 seconds after the first read (the price changed in the database without a PATCH); ` +
      `got ${cacheHeader(late)} and dish ${id} at "priceCents": ${JSON.stringify(priceIn(late, id))}. Give every entry a time to live of 60 seconds, counted from the read that stored it, not from its last HIT`,
  );
}

describe('3. Expire entries after a minute', () => {
  test('GET /dishes/4 comes from the cache for 60 seconds after it was read, then from the database', async () => {
    await expectExpiry('/dishes/4', 4);
  });

  test('GET /menu comes from the cache for 60 seconds after it was read, then from the database', async () => {
    await expectExpiry('/menu', 1);
  });
});

/** Sends eight requests for `path` at once to a fresh app: their replies and the database reads they caused. */
async function stampede(path) {
  const app = await startApp();
  let replies = [];
  const { statements } = await countQueries(async () => {
    replies = await Promise.all(Array.from({ length: 8 }, () => get(app, path)));
  });
  return { replies, reads: statements.filter((sql) => /\bselect\b/i.test(sql)).length };
}

/** "200, 200, 404" */
const statuses = (replies) => replies.map((res) => res.status).join(', ');

async function expectOneRead(path) {
  const { replies, reads } = await stampede(path);
  const first = replies[0];
  first.expect(
    replies.every((res) => res.status === 200),
    `all eight GET ${path} sent at once to answer 200; they answered ${statuses(replies)}`,
  );
  const same = replies.every((res) => JSON.stringify(res.body) === JSON.stringify(first.body));
  first.expect(same, `all eight GET ${path} sent at once to answer with the same JSON; they differ`);
  first.expect(
    reads === 1,
    `the database to be read once for eight GET ${path} sent at once, when nothing was cached yet; it was read ${reads} times. ` +
      'While one read for a key is under way, the other requests that miss should wait for it (one promise per key, or lru-cache\'s fetchMethod with cache.fetch)',
  );
}

describe('4. Read the database once for a stampede', () => {
  test('eight GET /dishes/6 at once read the dish from the database once, and all answer it', async () => {
    await expectOneRead('/dishes/6');
  });

  test('eight GET /menu at once read the menu from the database once, and all answer it', async () => {
    await expectOneRead('/menu');
  });
});
