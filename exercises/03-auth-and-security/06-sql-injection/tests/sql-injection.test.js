// Tasks 1, 2, 3 and 5: attacks that can only read (db.all and db.get run the first statement of
// their text), so they share one test file, and one start of the app. Task 4's attacks write, and
// have a file of their own.
import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import {
  ALWAYS_TRUE,
  ALWAYS_TRUE_QUOTED,
  NUMERIC_ALWAYS_TRUE,
  assertShellSafe,
  commentOut,
  describePayload,
  unionSelect,
} from '../grading/injection.js';
import { MENU, OFF_MENU, STAFF, dishNames, segment, whatCameBack } from './kitchen.js';

const byId = (list) => [...list].sort((a, b) => a.id - b.id);

const SEARCH_ADVICE = ' The search text became part of your SQL: give it to SQLite as a value, through a ? placeholder.';

/**
 * Searches for `search` (none when undefined) and checks the answer is 200 with exactly `expected`,
 * in any order. `attack` adds what to do about it to the message.
 */
async function expectSearchFinds(search, expected, what, { attack = false, note = '' } = {}) {
  const res = await request('GET', '/dishes', search === undefined ? {} : { query: { search } });
  const found = Array.isArray(res.body) ? byId(res.body) : res.body;
  const ok = res.status === 200 && JSON.stringify(found) === JSON.stringify(byId(expected));
  const came = whatCameBack(res);
  res.expect(
    ok,
    `200 with ${what}: ${dishNames(expected)}; got ${res.status} with ${dishNames(res.body)}.${came}${attack || came ? SEARCH_ADVICE : note}`,
  );
}

describe('1. Keep the search text out of the SQL', () => {
  test('GET /dishes?search=stew answers 200 with the two stews on the menu', async () => {
    await expectSearchFinds('stew', MENU.filter((dish) => dish.name.includes('stew')), 'the dishes on the menu whose name contains "stew"');
  });

  test("GET /dishes?search=O'Brien finds O'Brien's Irish stew: an apostrophe in a search is just a letter", async () => {
    await expectSearchFinds("O'Brien", MENU.filter((dish) => dish.name.startsWith("O'Brien")), 'the one dish whose name contains "O\'Brien"', {
      note: ' The apostrophe is part of the name: look for exactly the text that was sent, through a ? placeholder, rather than changing it.',
    });
  });

  test('GET /dishes without a search answers 200 with every dish on the menu, and none that is not on it', async () => {
    await expectSearchFinds(undefined, MENU, 'the six dishes on the menu');
  });

  for (const payload of [ALWAYS_TRUE, ALWAYS_TRUE_QUOTED]) {
    test(`a search for ${payload} finds nothing (no dish has that in its name) and shows no dish that is off the menu`, async () => {
      await expectSearchFinds(payload, [], `no dishes, because no dish's name contains ${describePayload(payload)}`, { attack: true });
    });
  }

  test('a search that tries UNION SELECT on the staff table finds nothing and shows no password hash', async () => {
    const payload = unionSelect(['id', 'username', 'password_hash', 'role'], 'staff');
    await expectSearchFinds(payload, [], `no dishes, because no dish's name contains ${describePayload(payload)}`, { attack: true });
  });
});

const ID_ADVICE =
  ' The id became part of your SQL. A number needs no quote to break out, so escaping quotes does not help: give the id to SQLite as a value, through a ? placeholder.';

/** GET /dishes/<payload> must answer 400 or 404 with a JSON error: no dish has that id. */
async function expectNoDishFor(payload) {
  const res = await request('GET', `/dishes/${segment(payload)}`);
  const refused = (res.status === 400 || res.status === 404) && typeof res.body?.error === 'string' && res.body.error.trim() !== '';
  res.expect(
    refused,
    `404 (or 400) with a JSON error for the id ${describePayload(payload)}, which is not the id of any dish; ` +
      `got ${res.status} with ${JSON.stringify(res.body) ?? 'no JSON body'}.${whatCameBack(res)}${ID_ADVICE}`,
  );
}

describe('2. Keep the dish id out of the SQL', () => {
  test('GET /dishes/3 answers 200 with the mushroom risotto, and a dish that is not on the menu answers 404', async () => {
    const res = await request('GET', '/dishes/3');
    res.expectStatus(200);
    res.expectJson(MENU.find((dish) => dish.id === 3));
    const hidden = await request('GET', `/dishes/${OFF_MENU[0].id}`);
    hidden.expectError(404);
  });

  test(`GET /dishes/${NUMERIC_ALWAYS_TRUE} answers 404: there is no dish 0, whatever comes after it`, async () => {
    await expectNoDishFor(NUMERIC_ALWAYS_TRUE);
  });

  test('GET /dishes/0 OR on_menu = 0 -- answers 404 and shows no dish that is off the menu', async () => {
    await expectNoDishFor('0 OR on_menu = 0 --');
  });

  test('GET /dishes/ with a UNION SELECT on the staff table answers 404 and shows no password hash', async () => {
    await expectNoDishFor(unionSelect(['id', 'username', 'password_hash', 'role'], 'staff', { before: '0' }));
  });
});

const [marta, , obrien] = STAFF;

/** A bcrypt hash (cost 4) of "letmein": what an attacker would put in a made-up staff row. */
const FORGED_HASH = '$2b$04$ziS7c10B5MuksZUnYHbq/e2KWbkeMbplEBEzCGI.UYl2/4xklLE36';

/** bcrypt is slow on purpose (the seeded hashes have cost 10): a test may compare a few. */
const BCRYPT_TIMEOUT = 15_000;

const LOGIN_ADVICE = ' The username became part of your SQL: give it to SQLite as a value, through a ? placeholder.';

function login(username, password) {
  // bcrypt takes a moment, more on a busy machine: give the login longer than the usual 2 s.
  return request('POST', '/login', { body: { username, password }, timeoutMs: 8000 });
}

/** The login must be refused with 401 and a JSON error. */
function expectRefused(res, what) {
  const refused = res.status === 401 && typeof res.body?.error === 'string' && res.body.error.trim() !== '';
  res.expect(
    refused,
    `401 with a JSON error for ${what}; got ${res.status} with ${JSON.stringify(res.body) ?? 'no JSON body'}.${whatCameBack(res)}${LOGIN_ADVICE}`,
  );
}

describe('3. Keep the login out of the SQL', () => {
  test('marta logs in with her password: 200 with her username and role', async () => {
    const res = await login(marta.username, marta.password);
    res.expectStatus(200);
    res.expectJson({ username: marta.username, role: marta.role });
  }, BCRYPT_TIMEOUT);

  test('a wrong password, or a username that is not in the staff table, answers 401 with a JSON error', async () => {
    const wrong = await login(marta.username, 'tomato-basil-41');
    wrong.expectError(401);
    const unknown = await login('nobody', marta.password);
    unknown.expectError(401);
  }, BCRYPT_TIMEOUT);

  test("o'brien, whose username has an apostrophe, logs in with his password", async () => {
    const res = await login(obrien.username, obrien.password);
    res.expect(
      res.status === 200,
      `200 for the username "o'brien" and his password: an apostrophe in a username is just a letter; got ${res.status}.${whatCameBack(res)}${res.status >= 500 ? LOGIN_ADVICE : ''}`,
    );
    res.expectJson({ username: obrien.username, role: obrien.role });
  }, BCRYPT_TIMEOUT);

  test(`the username ${ALWAYS_TRUE}, or marta' -- with a wrong password, answers 401`, async () => {
    const always = await login(ALWAYS_TRUE, 'wrong-password');
    expectRefused(always, `the username ${describePayload(ALWAYS_TRUE)} and a made-up password`);
    const asMarta = commentOut(marta.username);
    const comment = await login(asMarta, 'wrong-password');
    expectRefused(comment, `the username ${describePayload(asMarta)} and a made-up password`);
    const password = await login(marta.username, ALWAYS_TRUE);
    expectRefused(password, `marta with the password ${describePayload(ALWAYS_TRUE)}`);
  }, BCRYPT_TIMEOUT);

  test('a username that makes up a staff member with UNION SELECT, and the password for its hash, answers 401', async () => {
    const payload = unionSelect(['99', "'intruder'", `'${FORGED_HASH}'`, "'owner'"], undefined, { before: "nobody'" });
    const res = await login(payload, 'letmein');
    expectRefused(
      res,
      `the username ${describePayload(payload)} with the password "letmein": no such staff member exists, ` +
        'the UNION SELECT only makes one up, with a bcrypt hash of "letmein" the grader chose',
    );
  }, BCRYPT_TIMEOUT);
});

const byPrice = [...MENU].sort((a, b) => a.price - b.price);

async function expectOrder(query, expected, what) {
  const res = await request('GET', '/dishes', { query });
  res.expectStatus(200);
  res.expect(JSON.stringify(res.body) === JSON.stringify(expected), `${what}: ${dishNames(expected)}; got ${dishNames(res.body)}`);
}

/** A ?sort= that is not exactly name or price must be refused with 400 and a JSON error. */
async function expectRefusedSort(sort) {
  const res = await request('GET', '/dishes', { query: { sort } });
  const refused = res.status === 400 && typeof res.body?.error === 'string' && res.body.error.trim() !== '';
  res.expect(
    refused,
    `400 with a JSON error for ?sort=${describePayload(sort)}, which is not exactly "name" or "price"; got ${res.status} with ${dishNames(res.body)}.${whatCameBack(res)}` +
      ' A column name cannot be a ? placeholder, so check ?sort= against your list and put in the SQL only the text your list gives, never the text from the request.',
  );
}

describe('5. Sort only by a column from your list', () => {
  test('GET /dishes?sort=price lists the menu cheapest first, and ?sort=name (or no sort) by name', async () => {
    await expectOrder({ sort: 'price' }, byPrice, 'the dishes on the menu, cheapest first');
    await expectOrder({ sort: 'name' }, MENU, 'the dishes on the menu by name');
    await expectOrder({}, MENU, 'the dishes on the menu by name when there is no ?sort=');
  });

  test('GET /dishes?search=stew&sort=price lists the two stews, cheapest first', async () => {
    await expectOrder({ search: 'stew', sort: 'price' }, byPrice.filter((dish) => dish.name.includes('stew')), 'the stews, cheapest first');
  });

  test('GET /dishes?sort=calories, a column that is not on the list, answers 400 with a JSON error', async () => {
    await expectRefusedSort('calories');
  });

  test('a sort that starts with an allowed column and adds SQL (price LIMIT 1, name DESC) answers 400', async () => {
    await expectRefusedSort('price LIMIT 1');
    await expectRefusedSort('name DESC');
  });

  test("a sort that asks a question about marta's password hash with CASE WHEN answers 400", async () => {
    await expectRefusedSort(
      assertShellSafe("(CASE WHEN (SELECT substr(password_hash, 1, 4) FROM staff WHERE username = 'marta') = '$2b$' THEN price ELSE name END)"),
    );
  });
});
