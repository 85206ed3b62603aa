import { describe, test } from 'vitest';
import { CookieJar, describeCookie, describeSetCookies, findCookie, isRemoval, setCookiesOf } from '../grading/cookies.js';
import { ADA, BEN, MENU, through } from './balancer.js';

/** Logs `who` in through `instance` from a browser of its own; fails unless the login worked. */
async function logIn(instance, who) {
  const jar = new CookieJar();
  const res = await through(instance, 'POST', '/login', { jar, body: { username: who.username, password: who.password } });
  res.expectStatus(200);
  res.expectJsonContaining({ username: who.username, name: who.name });
  const cookie = setCookiesOf(res).find((one) => one.value !== '' && !isRemoval(one));
  res.expect(cookie !== undefined, `a session cookie from the login through instance ${instance}; got ${describeSetCookies(res)}`);
  res.expect(
    cookie.httpOnly && cookie.sameSite === 'Lax',
    `the session cookie to stay HttpOnly and SameSite=Lax, as the starter set it; got ${describeCookie(cookie)}`,
  );
  return { jar, name: cookie.name };
}

/** "… as ada" when a reply names a user, else "". */
function asWhom(res) {
  return res.body?.username ? ` as ${res.body.username}` : '';
}

describe('1. Keep sessions where every instance finds them', () => {
  test('logged in through instance A, GET /me through instance B answers 200 with ada', async () => {
    const { jar } = await logIn('A', ADA);
    const same = await through('A', 'GET', '/me', { jar });
    same.expectStatus(200);
    const other = await through('B', 'GET', '/me', { jar });
    other.expect(
      other.status === 200,
      `200 with ada from instance B: ada logged in through instance A, and the load balancer sent her next request to B, which answered ${other.status}. ` +
        'B finds the sessions A starts only if both instances share two things: the session store (not the default MemoryStore, which lives in ' +
        "one instance's memory: keep sessions in the database, which both open) and the secret that signs the cookie (the same text in both, " +
        'not one made up at random when an instance starts)',
    );
    other.expectJsonContaining({ username: ADA.username, name: ADA.name });
  });

  test('logged out through instance B, the old session cookie gets 401 from instance A too', async () => {
    const { jar, name } = await logIn('A', BEN);
    const copy = jar.copy();
    const before = await through('B', 'GET', '/me', { jar });
    before.expect(before.status === 200, `200 from instance B for ben, who logged in through instance A; got ${before.status}. B must find the sessions A starts: both instances must share the session store (the database, not MemoryStore) and the secret that signs the cookie`);
    const logout = await through('B', 'POST', '/logout', { jar });
    logout.expectStatus(204);
    const cleared = findCookie(logout, name);
    logout.expect(
      cleared !== undefined && isRemoval(cleared),
      `the logout's answer to clear the "${name}" cookie with an expiry in the past, as the starter's did; got ${describeSetCookies(logout)}`,
    );
    const after = await through('A', 'GET', '/me', { jar: copy });
    after.expect(
      after.status === 401,
      `401 from instance A for a copy of ben's cookie after he logged out through instance B; A answered ${after.status}${asWhom(after)}. ` +
        'A logout must end the session where every instance looks for it',
    );
  });

  test('a wrong password answers 401 and sets no session', async () => {
    const jar = new CookieJar();
    const res = await through('A', 'POST', '/login', { jar, body: { username: ADA.username, password: 'pea-soup' } });
    res.expectError(401);
    const me = await through('B', 'GET', '/me', { jar });
    me.expect(me.status === 401, `401 from GET /me after a login with a wrong password; got ${me.status}`);
  });

  test('GET /me without a session cookie answers 401 through both instances', async () => {
    for (const instance of ['A', 'B']) {
      const res = await through(instance, 'GET', '/me');
      res.expectError(401);
    }
  });
});

describe('2. Read what the other instance wrote', () => {
  test('GET /menu lists the three dishes through both instances', async () => {
    for (const instance of ['A', 'B']) {
      const res = await through(instance, 'GET', '/menu');
      res.expectStatus(200);
      const dishes = Array.isArray(res.body) ? res.body : [];
      res.expect(
        dishes.length === 3 && dishes.every((dish, i) => dish.id === MENU[i].id && dish.name === MENU[i].name && Number.isInteger(dish.priceCents)),
        `from instance ${instance}, the three dishes ${MENU.map((dish) => `${dish.id} ${dish.name}`).join(', ')}, each with a whole number priceCents; got ${JSON.stringify(res.body)}`,
      );
    }
  });

  test('a price changed through instance A shows on the menu from instance B, which had read the menu before', async () => {
    const earlier = await through('B', 'GET', '/menu');
    earlier.expectStatus(200);
    const price = 1525;
    const change = await through('A', 'PATCH', '/menu/2', { body: { priceCents: price } });
    change.expectStatus(200);
    change.expectJsonContaining({ id: 2, name: MENU[1].name, priceCents: price });
    for (const instance of ['B', 'A']) {
      const res = await through(instance, 'GET', '/menu');
      res.expectStatus(200);
      const shown = Array.isArray(res.body) ? res.body.find((dish) => dish.id === 2)?.priceCents : undefined;
      res.expect(
        shown === price,
        `instance ${instance} to show the new price of dish 2: instance A changed it to ${price} cents, and ${instance} shows ${JSON.stringify(shown)}` +
          (instance === 'B' ? '. Does B answer from a copy of the menu kept in its own memory? A cannot update that copy' : ''),
      );
    }
  });

  test('PATCH /menu/:id answers 404 for a dish not on the menu, and 400 for a price that is not a whole number above 0 or no body at all', async () => {
    const missing = await through('A', 'PATCH', '/menu/99', { body: { priceCents: 900 } });
    missing.expectError(404);
    for (const priceCents of [0, 12.5, '900']) {
      const res = await through('B', 'PATCH', '/menu/1', { body: { priceCents } });
      res.expectError(400);
    }
    const empty = await through('A', 'PATCH', '/menu/1');
    empty.expectError(400);
  });
});
