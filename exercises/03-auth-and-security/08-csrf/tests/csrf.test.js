import { describe, test } from 'vitest';
import { CookieJar, browserRequest, crossSitePost, describeAttack, describeCookie, forgeToken, formsIn, setCookies } from '../grading/csrf.js';
import { accountForm, emailOf, needsToken, sessionCookie, signIn } from './diners.js';

/** Signing in checks a bcrypt hash, which takes a while on a busy machine: tests may take 15 s. */
const SIGN_INS = 15_000;

/**
 * Checks that an attack reply is a 403 and that Ana's e-mail is what it was before. `token` says what
 * the form's _csrf was, as a sentence; `advice` what to change when the attack went through.
 */
async function expectRefused(res, before, token, advice) {
  const after = await emailOf('ana');
  const changed = after === before ? '' : ` and changed Ana's e-mail to ${after}`;
  res.expect(res.status === 403, `403 Forbidden: ${describeAttack(res)}. ${token} Your app answered ${res.status}${changed}. ${advice}`);
  res.expect(after === before, `Ana's e-mail to stay ${before} when the form is refused, but it is now ${after}: refuse the form before changing anything`);
}

const CHECK_FIRST =
  'Check the _csrf field on POST /account/email before changing anything, and answer 403 when it is missing or empty. ' +
  "Read the token from the form only, never from a cookie: the browser adds cookies to the attacker's form too.";
const SAME_SESSION = 'Compare the _csrf field with the token your app gave this session, not just that there is one.';

describe('1. Mark the session cookie SameSite=Lax', () => {
  test('signing in sets the session cookie with SameSite=Lax', async () => {
    const { jar, login } = await signIn('ana');
    const cookie = await sessionCookie(jar, login);
    const sameSite = cookie?.attributes.samesite;
    login.expect(
      typeof sameSite === 'string' && sameSite.toLowerCase() === 'lax',
      `the session cookie to have SameSite=Lax; POST /login set ${setCookies(login).map(describeCookie).join(' and ')}. ` +
        "Lax keeps the cookie out of other sites' form posts, and still sends it when a diner follows a link to the site" +
        (String(sameSite).toLowerCase() === 'strict' ? ' (Strict would leave it out then too, so they would arrive signed out)' : ''),
    );
  }, SIGN_INS);

  test('the session cookie is still HttpOnly', async () => {
    const { jar, login } = await signIn('ana');
    const cookie = await sessionCookie(jar, login);
    login.expect(cookie?.attributes.httponly === true, `the session cookie to stay HttpOnly, as in the starter; POST /login set ${setCookies(login).map(describeCookie).join(' and ')}`);
  }, SIGN_INS);

  test('signing in still answers 303 See Other to /account, and a wrong password or an unknown name 401 without a session', async () => {
    const { login } = await signIn('ana');
    login.expectHeader('location', '/account');
    for (const [name, password] of [['ana', 'ben-bakes-bread'], ['zoe', 'ana-loves-soup']]) {
      const jar = new CookieJar();
      const res = await browserRequest('POST', '/login', { jar, fields: { name, password }, timeoutMs: 10_000 });
      res.expect(res.status === 401, `401 for name=${name} with a password that is not theirs, as in the starter; got ${res.status}`);
      const page = await browserRequest('GET', '/account', { jar });
      page.expect(page.status === 401, `401 for GET /account after a failed sign-in (name=${name}): it must not sign anyone in; got ${page.status}`);
    }
  }, SIGN_INS);

  test('GET /login still shows the sign-in form, and GET /account without a session answers 401', async () => {
    const page = await browserRequest('GET', '/login', { jar: new CookieJar() });
    const [form] = formsIn(page.text, { action: '/login' });
    page.expect(
      page.status === 200 && form?.method === 'POST' && 'name' in form.fields && 'password' in form.fields,
      'a sign-in page with a form that posts the fields name and password to /login, as in the starter',
    );
    const account = await browserRequest('GET', '/account', { jar: new CookieJar() });
    account.expect(account.status === 401, `401 for GET /account without a session cookie, as in the starter; got ${account.status}`);
  });
});

describe('2. Put a CSRF token in the form', () => {
  test('the form on GET /account has a hidden _csrf field with a token of at least 16 characters', async () => {
    const { jar } = await signIn('ana');
    const { page, form, token } = await accountForm(jar);
    page.expect(form !== undefined, 'the account page to have a form with action="/account/email", as in the starter');
    const hidden = Object.keys(form.hidden);
    page.expect(
      token !== undefined,
      `the form to /account/email to have <input type="hidden" name="_csrf" value="…"> with the token; ` +
        (hidden.length > 0 ? `its hidden fields are ${hidden.join(', ')}` : 'it has no hidden field'),
    );
    page.expect(token.length >= 16, `a _csrf token of at least 16 characters; the form's has ${token.length}`);
  }, SIGN_INS);

  test('the form sent back with its token changes the e-mail and answers 303 See Other to /account', async () => {
    const { jar } = await signIn('ana');
    const { page, form, token } = await accountForm(jar);
    page.expect(token !== undefined, 'the form to /account/email to have a hidden _csrf field with the token');
    const email = 'ana.receipts@kitchen.example';
    // As the browser sends the form: every field of it, the hidden token included, and the new e-mail.
    const res = await browserRequest('POST', '/account/email', { jar, fields: { ...form.fields, email }, shown: { _csrf: '<the token from the form>' } });
    res.expect(
      res.status === 303,
      `303 See Other, as before, for Ana's own form sent with its _csrf token and her cookies; got ${res.status}. ` +
        'Check that your app reads the token from the form field _csrf and compares it with the one it gave this session',
    );
    res.expectHeader('location', '/account');
    const now = await emailOf('ana');
    res.expect(now === email, `Ana's e-mail to be ${email} after her own form was accepted; it is ${now}`);
  }, SIGN_INS);
});

describe('3. Refuse a form without a token', () => {
  test('a form from https://attacker.example with Ana\'s cookies and no token answers 403, and her e-mail stays', async () => {
    const { jar } = await signIn('ana');
    await accountForm(jar);
    const before = await emailOf('ana');
    const res = await crossSitePost('/account/email', { jar, victim: 'Ana', fields: { email: 'no-token@attacker.example' } });
    await expectRefused(res, before, 'The form had no _csrf field.', CHECK_FIRST);
  }, SIGN_INS);

  test('the same form from an older browser, which sends no Origin header, answers 403 too', async () => {
    const { jar } = await signIn('ana');
    await accountForm(jar);
    const before = await emailOf('ana');
    const res = await crossSitePost('/account/email', { jar, victim: 'Ana', origin: null, fields: { email: 'no-origin@attacker.example' } });
    await expectRefused(res, before, 'The form had no _csrf field.', CHECK_FIRST);
  }, SIGN_INS);

  test('a POST /account/email with no body at all answers 403', async () => {
    const { jar } = await signIn('ana');
    await accountForm(jar);
    const before = await emailOf('ana');
    const res = await browserRequest('POST', '/account/email', { jar });
    const after = await emailOf('ana');
    res.expect(
      res.status === 403 && after === before,
      `403 Forbidden for a POST with Ana's cookies and no body (so no _csrf either); got ${res.status}${after === before ? '' : ` and her e-mail changed to ${after}`}. ` +
        (res.status >= 500
          ? 'req.body is undefined when a request has no body: read the field with req.body?._csrf'
          : 'The request got past the token check without a _csrf field and reached your route: refuse it with 403 first, ' +
            'and take the token only from the form field _csrf (one taken from a cookie or anywhere else lets the request in)'),
    );
  }, SIGN_INS);

  test('a form with an empty _csrf field answers 403', async () => {
    const { jar } = await signIn('ana');
    await accountForm(jar);
    const before = await emailOf('ana');
    const res = await crossSitePost('/account/email', { jar, victim: 'Ana', origin: null, fields: { email: 'empty-token@attacker.example', _csrf: '' } });
    await expectRefused(res, before, 'Its _csrf field was empty.', CHECK_FIRST);
  }, SIGN_INS);
});

describe("4. Refuse a token that is not this session's", () => {
  test('a made-up _csrf token answers 403', async () => {
    const { jar } = await signIn('ana');
    const { token } = await accountForm(jar);
    const before = await emailOf('ana');
    const forged = forgeToken(token);
    const res = await crossSitePost('/account/email', { jar, victim: 'Ana', origin: null, fields: { email: 'made-up-token@attacker.example', _csrf: forged }, shown: { _csrf: '<a made-up token>' } });
    await expectRefused(res, before, `Its _csrf was a made-up token of ${forged.length} characters that your app never gave out.`, SAME_SESSION);
  }, SIGN_INS);

  test("Ben's own token, sent with Ana's cookies, answers 403", async () => {
    const ben = await signIn('ben');
    const benForm = await accountForm(ben.jar);
    needsToken(benForm);
    const { jar } = await signIn('ana');
    await accountForm(jar);
    const before = await emailOf('ana');
    const res = await crossSitePost('/account/email', { jar, victim: 'Ana', origin: null, fields: { email: 'bens-token@attacker.example', _csrf: benForm.token }, shown: { _csrf: "<Ben's token>" } });
    await expectRefused(
      res,
      before,
      "Its _csrf was Ben's token: Ben signed in, copied the token from his own account page into his page and sent Ana there.",
      'A token must belong to the session it comes with: one token for everybody protects nobody.',
    );
  }, SIGN_INS);

  test("Ben's token with Ben's other cookies planted in Ana's browser answers 403", async () => {
    const ben = await signIn('ben');
    const benForm = await accountForm(ben.jar);
    needsToken(benForm);
    const benSession = (await sessionCookie(ben.jar, ben.login))?.name;
    const { jar, login } = await signIn('ana');
    await accountForm(jar);
    const anaSession = (await sessionCookie(jar, login))?.name;
    // A page on a sibling subdomain can set cookies for the whole site: Ben plants his own cookies,
    // all but his session, in Ana's browser, next to her session cookie.
    const planted = ben.jar.names().filter((name) => name !== benSession && name !== anaSession);
    for (const name of planted) jar.set(name, ben.jar.get(name));
    const before = await emailOf('ana');
    const res = await crossSitePost('/account/email', { jar, victim: 'Ana', origin: null, fields: { email: 'planted-cookies@attacker.example', _csrf: benForm.token }, shown: { _csrf: "<Ben's token>" } });
    const cookies = `Ben's own ${planted.join(', ')} cookie${planted.length === 1 ? '' : 's'}`;
    await expectRefused(
      res,
      before,
      planted.length > 0
        ? `Its _csrf was Ben's token, and ${cookies} had been planted in Ana's browser (a page on a sibling subdomain can set cookies for the whole site).`
        : "Its _csrf was Ben's token, from his own account page.",
      planted.length > 0
        ? 'A token that only has to match a cookie can be forged along with the cookie: tie the token to the session (with csrf-csrf, getSessionIdentifier).'
        : 'A token must belong to the session it comes with.',
    );
  }, SIGN_INS);
});
