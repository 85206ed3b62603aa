import { describe, test } from 'vitest';
import { CookieJar, describeCookie, describeSetCookies, findCookie, isRemoval } from '../grading/cookies.js';
import { request } from '../grading/http.js';
import { ADA, BEN, MALLORY, logIn, needsLogin, noCookieHint } from './staff.js';

/** A login of ada over plain HTTP, made once and shared by the tests that only read its cookie. */
let adaLogin;
function plainLogin() {
  adaLogin ??= logIn(ADA);
  return adaLogin;
}

describe('1. Give every session a long random id', () => {
  test("POST /login with ada's password answers 200 with her username and name, and sets a session cookie", async () => {
    const { res, cookie } = await logIn(ADA);
    res.expectStatus(200);
    res.expectJsonContaining({ username: ADA.username, name: ADA.name });
    res.expect(cookie !== undefined, `a Set-Cookie header with the session cookie; got ${describeSetCookies(res)}.${noCookieHint(res)}`);
  });

  test('GET /me with the session cookie answers 200 with who is logged in, and 401 without it', async () => {
    const login = await logIn(BEN);
    needsLogin(login, BEN);
    const me = await login.jar.send('GET', '/me');
    me.expectStatus(200);
    me.expectJsonContaining({ username: BEN.username, name: BEN.name });
    const stranger = await request('GET', '/me');
    stranger.expectError(401);
  });

  test('a wrong password answers 401 and logs nobody in: GET /me from that browser answers 401', async () => {
    const { jar, res } = await logIn(ADA, { password: 'pea-soup' });
    res.expectError(401);
    const me = await jar.send('GET', '/me');
    me.expect(me.status === 401, `401 from GET /me after a login with a wrong password; got ${me.status}`);
  });

  test('an unknown username answers 401', async () => {
    const { res } = await logIn({ username: 'zoe', password: 'soup-of-the-day' });
    res.expectError(401);
  });

  test('each login gets a session id of its own, at least 16 characters long', async () => {
    const first = await logIn(ADA);
    needsLogin(first);
    const second = await logIn(BEN);
    needsLogin(second, BEN);
    for (const { res, cookie } of [first, second]) {
      res.expect(
        cookie.value.length >= 16,
        `a session id of at least 16 characters, too long to guess; got one of ${cookie.value.length} character${cookie.value.length === 1 ? '' : 's'}` +
          `${/^\d+$/.test(cookie.value) ? `, the number ${cookie.value}` : ''} (at least 16)`,
      );
    }
    second.res.expect(
      first.cookie.value !== second.cookie.value,
      'two logins (ada, then ben) to get two different session ids; both got the same one',
    );
  });

  test('a session id the grader guessed (the numbers 1 to 20, or a username) answers 401', async () => {
    const login = await logIn(BEN);
    needsLogin(login, BEN);
    const name = login.cookie.name;
    for (const guess of [...Array.from({ length: 20 }, (_, i) => String(i + 1)), 'ada', 'ben', 'mallory']) {
      const res = await request('GET', '/me', { headers: { cookie: `${name}=${guess}` } });
      res.expect(
        res.status === 401,
        `401 for the cookie ${name}=${guess}, a value the grader guessed without logging in; your app answered ${res.status}` +
          `${res.body?.username ? ` as ${res.body.username}` : ''}. Anyone can guess an id like that: make session ids long and random`,
      );
    }
  });
});

describe('2. Protect the cookie with HttpOnly, SameSite and Path', () => {
  test('the session cookie is HttpOnly, so the page’s JavaScript cannot read it', async () => {
    const login = await plainLogin();
    needsLogin(login);
    login.res.expect(login.cookie.httpOnly, `the session cookie to have the HttpOnly attribute; got ${describeCookie(login.cookie)}`);
  });

  test('the session cookie is SameSite=Lax', async () => {
    const login = await plainLogin();
    needsLogin(login);
    login.res.expect(
      login.cookie.sameSite === 'Lax',
      `the session cookie to have SameSite=Lax; got ${login.cookie.sameSite ? `SameSite=${login.cookie.sameSite} in ` : ''}${describeCookie(login.cookie)}`,
    );
  });

  test('the session cookie has Path=/, so every page of the site sends it', async () => {
    const login = await plainLogin();
    needsLogin(login);
    login.res.expect(login.cookie.path === '/', `the session cookie to have Path=/; got ${describeCookie(login.cookie)}`);
  });
});

describe('3. Make the cookie Secure when the browser used HTTPS', () => {
  test('a login that reached the proxy over HTTPS (X-Forwarded-Proto: https) sets the cookie with Secure', async () => {
    const login = await logIn(ADA, { headers: { 'x-forwarded-proto': 'https' } });
    needsLogin(login);
    login.res.expect(
      login.cookie.secure,
      `the session cookie to have the Secure attribute, since the proxy says the browser used HTTPS; got ${describeCookie(login.cookie)}. ` +
        'Express reads X-Forwarded-Proto (req.secure, req.protocol) only from a proxy it trusts',
    );
  });

  test('a login over plain HTTP (no X-Forwarded-Proto, as Run does, or X-Forwarded-Proto: http) sets the cookie without Secure', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'http' }]) {
      const { res, cookie } = await logIn(ADA, { headers });
      const how = headers['x-forwarded-proto'] ? 'with X-Forwarded-Proto: http' : 'without X-Forwarded-Proto';
      res.expectStatus(200);
      res.expect(
        cookie !== undefined,
        `a session cookie for a login over plain HTTP (${how}); got ${describeSetCookies(res)}. ` +
          'With cookie.secure set to true, express-session sends no cookie at all over plain HTTP: let it decide per request with secure: "auto"',
      );
      res.expect(
        !cookie.secure,
        `a session cookie without Secure for a login over plain HTTP (${how}): browsers throw away a Secure cookie that arrives over plain HTTP (most make an exception for localhost only); got ${describeCookie(cookie)}`,
      );
    }
  });
});

describe('4. End the session on the server at logout', () => {
  test('POST /logout answers 204 and tells the browser to forget the cookie (an expiry in the past)', async () => {
    const login = await logIn(BEN);
    needsLogin(login, BEN);
    const res = await login.jar.send('POST', '/logout');
    res.expectStatus(204);
    const cleared = findCookie(res, login.cookie.name);
    res.expect(
      cleared !== undefined && isRemoval(cleared),
      `a Set-Cookie for "${login.cookie.name}" with an expiry in the past (Expires in the past or Max-Age=0), so the browser forgets it; got ${describeSetCookies(res)}`,
    );
    res.expect(
      cleared.path === undefined || cleared.path === '/',
      `the cookie to be cleared with Path=/, the path it was set with (a browser only removes the cookie with the same name and path); got ${describeCookie(cleared)}`,
    );
  });

  test('after logout, a copy of the old session cookie is refused: GET /me with it answers 401', async () => {
    const login = await logIn(ADA);
    needsLogin(login);
    const copy = login.jar.copy();
    const before = await copy.send('GET', '/me');
    before.needsTask(1, before.status === 200, `GET /me with the session cookie should answer 200 (it answered ${before.status})`);
    const logout = await login.jar.send('POST', '/logout');
    logout.expectStatus(204);
    const after = await copy.send('GET', '/me');
    after.expect(
      after.status === 401,
      `401: the grader kept a copy of ada's ${login.cookie.name} cookie, as someone who stole it would, ` +
        `and sent it after ada logged out; your app answered ${after.status}${after.body?.username ? ` as ${after.body.username}` : ''}. ` +
        'Clearing the cookie in the browser is not enough: end the session on the server too',
    );
  });
});

describe('5. Give a new session id at login', () => {
  /** Mallory logs in, then ada logs in from a browser where mallory planted her session cookie (once). */
  let planted;
  function plantedLogin() {
    planted ??= plant();
    return planted;
  }
  async function plant() {
    const mallory = await logIn(MALLORY);
    needsLogin(mallory, MALLORY);
    const browser = new CookieJar({ [mallory.cookie.name]: mallory.cookie.value });
    const ada = await logIn(ADA, { jar: browser });
    ada.res.expectStatus(200);
    return { mallory, ada };
  }

  test('logging in from a browser that already holds a session cookie sets a new session id', async () => {
    const { mallory, ada } = await plantedLogin();
    const id = mallory.cookie.value;
    ada.res.expect(
      ada.cookie !== undefined && ada.cookie.value !== id,
      `a new session id: the grader logged in as mallory, put her ${mallory.cookie.name} cookie in another browser, as an attacker can, ` +
        `and logged in there as ada; your app ${ada.cookie ? `set the same id again (${describeSetCookies(ada.res)})` : 'set no new session cookie (no Set-Cookie header)'}, ` +
        "so that browser kept mallory's id, and the id mallory knows is now ada's session",
    );
  });

  test("the id from before the login does not open ada's account afterwards", async () => {
    const { mallory } = await plantedLogin();
    const res = await mallory.jar.send('GET', '/me');
    res.expect(
      res.body?.username !== ADA.username,
      `GET /me with mallory's old cookie not to answer as ada: the grader logged in as mallory, planted her cookie in another browser and logged in there as ada; ` +
        `with the old id, your app answered ${res.status} as ada. Whoever knew the id before the login now is ada: start a new session at login`,
    );
  });
});
