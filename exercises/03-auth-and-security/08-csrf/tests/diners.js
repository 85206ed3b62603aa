// What the CSRF tests share: signing a diner in with their own cookie jar (one browser each), reading
// the account page's e-mail form and its token, and reading a diner's e-mail from the database.
import { queryDatabase } from '../grading/db.js';
import { CookieJar, browserRequest, formsIn, setCookies } from '../grading/csrf.js';

export const PASSWORDS = { ana: 'ana-loves-soup', ben: 'ben-bakes-bread' };

const capital = (name) => name[0].toUpperCase() + name.slice(1);

/** A fresh browser that signs `name` in: `{ jar, login }`, failing clearly when signing in breaks. */
export async function signIn(name) {
  const jar = new CookieJar();
  // bcrypt is slow on purpose, and slower on a busy machine: give signing in more than the usual 2 s.
  const login = await browserRequest('POST', '/login', { jar, fields: { name, password: PASSWORDS[name] }, timeoutMs: 10_000 });
  login.expect(
    login.status === 303 && jar.names().length > 0,
    `signing in (POST /login with name=${name} and ${capital(name)}'s password) to answer 303 See Other with a session cookie, as the starter does; ` +
      `it answered ${login.status}${jar.names().length === 0 ? ' and set no cookie' : ''}`,
  );
  return { jar, login };
}

/**
 * The session cookie among the cookies signing in set: the one without which GET /account is no longer
 * answered with the page (the only one, when signing in sets one).
 */
export async function sessionCookie(jar, login) {
  const cookies = setCookies(login).filter((cookie) => jar.get(cookie.name) !== undefined);
  if (cookies.length <= 1) return cookies[0];
  for (const cookie of cookies) {
    const page = await browserRequest('GET', '/account', { jar: jar.without(cookie.name) });
    if (page.status !== 200) return cookie;
  }
  return cookies[0];
}

/**
 * GET /account in this browser (taking in any cookie it sets) and its form to POST /account/email:
 * `{ page, form, token }`, where token is the form's hidden _csrf value (undefined without one).
 */
export async function accountForm(jar) {
  const page = await browserRequest('GET', '/account', { jar });
  page.expect(page.status === 200, `GET /account with the session cookie to answer 200 with the account page, as the starter does; it answered ${page.status}`);
  const [form] = formsIn(page.text, { action: '/account/email' });
  return { page, form, token: form?.hidden._csrf };
}

/** Fails with "this needs task 2 first" unless the account form carries a hidden _csrf token. */
export function needsToken({ page, token }) {
  page.needsTask(2, typeof token === 'string' && token.length > 0, 'the form on GET /account should carry the hidden field _csrf with a token');
}

/** The e-mail the users table holds for `name`. */
export async function emailOf(name) {
  const [row] = await queryDatabase('SELECT email FROM users WHERE name = ?', [name]);
  return row?.email;
}
