// What the session tests share: the seeded staff, a login through a browser of its own (a CookieJar),
// and how to find the session cookie in a reply.
import { CookieJar, describeSetCookies, isRemoval, setCookiesOf } from '../grading/cookies.js';

export const ADA = { username: 'ada', password: 'soup-of-the-day', name: 'Ada, head chef' };
export const BEN = { username: 'ben', password: 'table-for-two', name: 'Ben, waiter' };
export const MALLORY = { username: 'mallory', password: 'free-dessert', name: 'Mallory, waiter' };

/** The session cookie a reply sets: the first cookie it sets that is not a removal. */
export function sessionCookie(res) {
  return setCookiesOf(res).find((cookie) => cookie.value !== '' && !isRemoval(cookie));
}

/** What to say when a login over plain HTTP set no cookie at all. */
export function noCookieHint(res) {
  if (res.status !== 200 || sessionCookie(res)) return '';
  return (
    ' This login came over plain HTTP, as Run does: with cookie.secure set to true, express-session ' +
    'sends no cookie at all over plain HTTP (task 3 explains when the cookie should be Secure).'
  );
}

/**
 * Logs `who` in from a browser of its own (or `jar`), over plain HTTP unless `headers` say otherwise.
 * @returns {Promise<{ jar: CookieJar, res: import('../grading/http.js').Reply, cookie: import('../grading/cookies.js').Cookie | undefined }>}
 */
export async function logIn(who, { headers, jar = new CookieJar(), password = who.password } = {}) {
  const res = await jar.send('POST', '/login', { body: { username: who.username, password }, headers });
  return { jar, res, cookie: sessionCookie(res) };
}

/** Fails with "this needs task 1 first" unless the login answered 200 and set a session cookie. */
export function needsLogin({ res, cookie }, who = ADA) {
  res.needsTask(
    1,
    res.status === 200 && cookie !== undefined,
    `POST /login with ${who.username}'s password should answer 200 and set a session cookie; it answered ${res.status} with ${describeSetCookies(res)}`,
  );
}
