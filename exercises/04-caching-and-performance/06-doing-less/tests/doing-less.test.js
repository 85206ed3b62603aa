import { isDeepStrictEqual } from 'node:util';
import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { DISHES, FIELDS, describeIds, pick } from './menu.js';
import { bytes, rawGet } from './raw.js';

/** The list answer holds, from the first dish on, the dishes by id with exactly these fields. */
function expectDishesWithFields(res, fields) {
  res.expectStatus(200);
  res.expect(Array.isArray(res.body) && res.body.length > 0, `a JSON array of dishes; got ${JSON.stringify(res.body)?.slice(0, 200)}`);
  const wrong = res.body.findIndex((dish, i) => !isDeepStrictEqual(dish, pick(DISHES[i], fields)));
  if (wrong !== -1) {
    const keys = res.body[wrong] !== null && typeof res.body[wrong] === 'object' ? Object.keys(res.body[wrong]) : [];
    res.expect(
      false,
      `every dish to have exactly the fields ${fields.join(', ')}; dish ${wrong + 1} of the list has ` +
        `${keys.length === 0 ? 'none' : keys.join(', ')}: ${JSON.stringify(res.body[wrong])}, where ${JSON.stringify(pick(DISHES[wrong], fields))} was expected`,
    );
  }
}

/** 400 with a JSON error that names the field that doesn't exist. */
function expectUnknownField(res, field) {
  res.expect(
    res.status === 400,
    `400 with a JSON error for ?fields= with "${field}", a field dishes don't have, instead of skipping it quietly; got ${res.status}`,
  );
  res.expectError(400);
  res.expect(res.body.error.includes(field), `the error to name the field that doesn't exist, "${field}"; got ${JSON.stringify(res.body.error)}`);
}

describe('1. Send only the fields asked for', () => {
  test('GET /dishes?fields=name,price answers each dish with only its name and price', async () => {
    expectDishesWithFields(await request('GET', '/dishes?fields=name,price'), ['name', 'price']);
  });

  test('GET /dishes?fields=id,description,calories answers each dish with only those three fields', async () => {
    expectDishesWithFields(await request('GET', '/dishes?fields=id,description,calories'), ['id', 'description', 'calories']);
  });

  test('GET /dishes without ?fields= still answers every field of each dish', async () => {
    expectDishesWithFields(await request('GET', '/dishes'), FIELDS);
  });

  test('GET /dishes/7?fields=name,calories answers 200 with { name, calories } of dish 7 and nothing else', async () => {
    const res = await request('GET', '/dishes/7?fields=name,calories');
    res.expectStatus(200);
    res.expectJson(pick(DISHES[6], ['name', 'calories']));
    const whole = await request('GET', '/dishes/7');
    whole.expectStatus(200);
    whole.expectJson(DISHES[6]);
    const missing = await request('GET', '/dishes/999?fields=name');
    missing.expectError(404);
  });

  test('a field that dishes do not have (?fields=name,colour) answers 400 with a JSON error that names it', async () => {
    expectUnknownField(await request('GET', '/dishes?fields=name,colour'), 'colour');
    expectUnknownField(await request('GET', '/dishes/7?fields=allergens'), 'allergens');
  });
});

describe('2. Compress large answers', () => {
  test('GET /dishes with Accept-Encoding: gzip answers gzipped, with Content-Encoding: gzip and Vary: Accept-Encoding', async () => {
    const plain = await rawGet('/dishes', { 'Accept-Encoding': 'identity' });
    plain.expectStatus(200);
    const res = await rawGet('/dishes', { 'Accept-Encoding': 'gzip' });
    res.expectStatus(200);
    res.expect(
      res.encoding === 'gzip',
      `a list of ${bytes(plain.text.length)}, more than 1 KB, to be sent gzipped when the request accepts gzip: ` +
        `Content-Encoding: gzip; ${res.encoding ? `got Content-Encoding: ${res.encoding}` : `it came as it is (${bytes(res.bytes)}), with no Content-Encoding header`}`,
    );
    res.expect(res.unpackError === undefined, `a body in gzip, as Content-Encoding says; it could not be unpacked (${res.unpackError})`);
    res.expect(
      res.text === plain.text,
      `the gzipped body, unpacked, to be the same JSON the app sends uncompressed; it differs (${bytes(res.text.length)} unpacked, ${bytes(plain.text.length)} uncompressed)`,
    );
    res.expect(
      res.bytes < plain.text.length,
      `the gzipped answer to be smaller than the uncompressed one (${bytes(plain.text.length)}); it has ${bytes(res.bytes)}`,
    );
    const vary = (res.headers.vary ?? '').split(',').map((name) => name.trim().toLowerCase());
    res.expect(
      vary.includes('accept-encoding') || vary.includes('*'),
      `a Vary header naming Accept-Encoding, so a cache never gives the gzipped bytes to a client that can't unpack them; got ${res.headers.vary === undefined ? 'no Vary header' : `Vary: ${res.headers.vary}`}`,
    );
  });

  test('GET /dishes with Accept-Encoding: identity, or with no Accept-Encoding, answers the JSON uncompressed', async () => {
    for (const headers of [{ 'Accept-Encoding': 'identity' }, {}]) {
      const res = await rawGet('/dishes', headers);
      res.expectStatus(200);
      res.expect(
        res.encoding === undefined || res.encoding === 'identity',
        `no compression for a request that ${headers['Accept-Encoding'] ? 'accepts only identity (no encoding)' : 'has no Accept-Encoding header'}; got Content-Encoding: ${res.encoding}`,
      );
      res.expectHeader('content-type', /application\/json/);
      res.expect(Array.isArray(res.body), 'the JSON array of dishes, as it is');
    }
  });

  test('GET /dishes/1, a small answer under 1 KB, is sent uncompressed even when the request accepts gzip', async () => {
    const res = await rawGet('/dishes/1', { 'Accept-Encoding': 'gzip' });
    res.expectStatus(200);
    res.expect(
      res.encoding === undefined || res.encoding === 'identity',
      `an answer of ${bytes(res.text.length)}, under 1 KB, to be sent as it is (gzip's own header and checksum would make it hardly smaller, or even larger, for the work); got Content-Encoding: ${res.encoding}`,
    );
    res.expectJson(DISHES[0]);
  });
});

/** The ids of the dishes a list answer holds. */
async function pageIds(query) {
  const res = await request('GET', `/dishes${query}`);
  res.expectStatus(200);
  res.expect(Array.isArray(res.body), `a JSON array of dishes; got ${JSON.stringify(res.body)?.slice(0, 200)}`);
  return { res, ids: res.body.map((dish) => dish?.id) };
}

function range(from, to) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

async function expectPage(query, expected, what) {
  const { res, ids } = await pageIds(query);
  res.expect(isDeepStrictEqual(ids, expected), `${what}: ${describeIds(expected)}; got ${describeIds(ids)}`);
}

describe('3. Send the menu a page at a time', () => {
  test('GET /dishes answers the first page: the first 20 dishes by id', async () => {
    await expectPage('', range(1, 20), 'the first 20 dishes when there is no ?limit=');
  });

  test('GET /dishes?limit=5 answers dishes 1 to 5, and ?limit=10&offset=20 dishes 21 to 30', async () => {
    await expectPage('?limit=5', range(1, 5), 'the first 5 dishes');
    await expectPage('?limit=10&offset=20', range(21, 30), 'the 10 dishes after the first 20');
    await expectPage('?offset=40', range(41, 60), '20 dishes (the default) after the first 40');
    await expectPage('?limit=3&offset=0', range(1, 3), 'the first 3 dishes for ?offset=0');
    await expectPage('?limit=1&offset=9', [10], 'one dish, the tenth, for ?limit=1 (the smallest page) and ?offset=9');
  });

  test('pages of 100 at offsets 0, 100 and 200 together hold the whole menu, every dish once and as it is', async () => {
    const menu = [];
    for (const offset of [0, 100, 200]) {
      const { res } = await pageIds(`?limit=100&offset=${offset}`);
      menu.push(...res.body);
    }
    const wrong = DISHES.findIndex((dish, i) => !isDeepStrictEqual(menu[i], dish));
    if (wrong !== -1 || menu.length !== DISHES.length) {
      const { res } = await pageIds(`?limit=100&offset=${Math.floor(Math.max(wrong, 0) / 100) * 100}`);
      res.expect(
        false,
        `the three pages to hold the 240 dishes by id; they hold ${describeIds(menu.map((dish) => dish?.id))}` +
          (wrong === -1 ? '' : `, and dish ${wrong + 1} is ${JSON.stringify(menu[wrong]) ?? 'missing'} instead of ${JSON.stringify(DISHES[wrong])}`),
      );
    }
  });

  test('the last page holds what is left, and a page past the end is empty', async () => {
    await expectPage('?limit=10&offset=235', range(236, 240), 'the last 5 of the 240 dishes');
    await expectPage('?offset=240', [], 'no dishes past the last one');
  });

  test('?limit=100, the largest page, answers 100 dishes; ?limit=101 answers 400 with a JSON error', async () => {
    await expectPage('?limit=100', range(1, 100), 'the first 100 dishes');
    for (const limit of ['101', '5000']) {
      const res = await request('GET', `/dishes?limit=${limit}`);
      const count = Array.isArray(res.body) ? ` with ${describeIds(res.body.map((dish) => dish?.id))}` : '';
      res.expect(res.status === 400, `400 with a JSON error for ?limit=${limit}: a page holds at most 100 dishes; got ${res.status}${count}`);
      res.expectError(400);
    }
  });

  test('a limit that is not a whole number from 1 (0, -5, 2.5, ten) or an offset below 0 answers 400 with a JSON error', async () => {
    for (const query of ['limit=0', 'limit=-5', 'limit=2.5', 'limit=ten', 'offset=-1', 'offset=ten']) {
      const res = await request('GET', `/dishes?${query}`);
      const rule = query.startsWith('limit') ? 'a limit is a whole number from 1 to 100' : 'an offset is a whole number from 0';
      const count = Array.isArray(res.body) ? ` with ${describeIds(res.body.map((dish) => dish?.id))}` : '';
      res.expect(res.status === 400, `400 with a JSON error for ?${query}: ${rule}; got ${res.status}${count}`);
      res.expectError(400);
    }
  });
});
