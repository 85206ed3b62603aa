import { describe, test, vi } from 'vitest';
import { request } from '../grading/http.js';
import { decodeToken, describeToken, expiredToken, nowSeconds, resign, signToken, tamperPayload, tokenProblem, unsignedToken } from '../grading/tokens.js';
import { ALICE, BOB, OTHER_SECRET, SECRET, logIn, me, tokenFor, workingToken } from './accounts.js';

describe('1. Sign a 15-minute token at login', () => {
  test("POST /login with alice's password answers 200 with an accessToken: a JWT signed with JWT_SECRET and HS256", async () => {
    const { res, token } = await logIn(ALICE);
    res.expectStatus(200);
    res.expect(token !== undefined, `a JSON body { "accessToken": "<the token>" }; got ${JSON.stringify(res.body) ?? 'no JSON body'}`);
    const problem = tokenProblem(token, SECRET, { secretName: 'the secret in process.env.JWT_SECRET' });
    res.expect(
      problem === undefined,
      `the accessToken to be a JWT signed with HS256 and the secret in process.env.JWT_SECRET; ${problem}. ` +
        'The check sets JWT_SECRET to a secret of its own: sign with process.env.JWT_SECRET, not a text written in app.js',
    );
  });

  test('the token names its user in sub, as text: "1" for alice and "2" for bob', async () => {
    for (const user of [ALICE, BOB]) {
      const { res, token } = await logIn(user);
      res.needsTask(1, res.status === 200 && token, `POST /login with ${user.username}'s password should answer 200 with { "accessToken": "…" }`);
      const sub = decodeToken(token)?.payload.sub;
      const expected = String(user.me.id);
      res.expect(
        sub === expected,
        `${user.username}'s token to have "sub": "${expected}", the user's id as text (RFC 7519: sub is a string); got ${
          sub === undefined ? 'no sub' : `${JSON.stringify(sub)}${typeof sub === 'number' ? ', a number: write String(user.id)' : ''}`
        }. The token is ${describeToken(token)}`,
      );
    }
  });

  test('the token expires 15 minutes after login: exp is 900 seconds after the login', async () => {
    const { res, token } = await logIn(ALICE);
    const login = nowSeconds();
    res.needsTask(1, res.status === 200 && token, `POST /login with alice's password should answer 200 with { "accessToken": "…" }`);
    const exp = decodeToken(token)?.payload.exp;
    const ok = typeof exp === 'number' && Math.abs(exp - (login + 900)) <= 1;
    const got =
      typeof exp !== 'number'
        ? `it has no exp, so it never expires`
        : `its exp is ${exp - login} seconds after the login${exp - login === 900_000 ? ' (were 15 minutes given in milliseconds? exp counts seconds)' : ''}`;
    res.expect(ok, `"exp" to be 900 seconds (15 minutes) after the login, in seconds since 1970; ${got}. The token is ${describeToken(token)}`);
  });

  test('a wrong password or an unknown username answers 401 with a JSON error and no token', async () => {
    for (const body of [{ username: 'alice', password: 'lemon-tart-17' }, { username: 'mallory', password: 'tomato-soup-42' }]) {
      const res = await request('POST', '/login', { body });
      res.expectError(401);
      res.expect(res.body.accessToken === undefined, 'no accessToken in the answer to a failed login');
    }
  });
});

describe('2. Let only real tokens into GET /me', () => {
  test("GET /me with alice's token answers 200 { id: 1, username: 'alice' }, and with bob's, bob", async () => {
    for (const user of [ALICE, BOB]) {
      const res = await me(await tokenFor(user));
      res.expectStatus(200);
      res.expectJson(user.me);
    }
  });

  test('GET /me without an Authorization header answers 401 with a JSON error', async () => {
    const res = await request('GET', '/me');
    res.expectError(401);
  });

  test('GET /me with "Authorization: Bearer not-a-token" answers 401, not a crash', async () => {
    const res = await me('not-a-token');
    res.expectError(401);
  });

  test("alice's token with sub changed to \"2\" after signing answers 401: the signature no longer matches", async () => {
    const forged = tamperPayload(await tokenFor(ALICE), { sub: '2' });
    const res = await me(forged);
    res.expect(
      res.status === 401,
      `401 for alice's token whose payload was edited to say "sub": "2" (bob), with alice's signature left on; got ${res.status}${
        res.body?.username ? `, and your app let the visitor in as ${res.body.username}` : ''
      }. Reading a token is not checking it: verify its signature with your secret`,
    );
    res.expectError(401);
  });

  test('a token signed with another secret answers 401', async () => {
    const forged = resign(await tokenFor(ALICE), OTHER_SECRET);
    const res = await me(forged);
    res.expect(
      res.status === 401,
      `401 for alice's token signed again with a secret that is not yours (HS256, the same header and payload); got ${res.status}`,
    );
    res.expectError(401);
  });

  test('a correctly signed token for a user who does not exist answers 401', async () => {
    const token = signToken({ sub: '99', iat: nowSeconds(), exp: nowSeconds() + 900 }, SECRET);
    const res = await me(token);
    res.expect(res.status === 401, `401 for a token signed with JWT_SECRET for "sub": "99", a user your database does not have; got ${res.status}`);
    res.expectError(401);
  });
});

describe('3. Accept HS256 tokens only', () => {
  test('an unsigned token (alg "none") for alice answers 401', async () => {
    const { claims } = await workingToken();
    const forged = unsignedToken(claims);
    const res = await me(forged);
    res.expect(
      res.status === 401,
      `401 for an unsigned token: header {"alg":"none"}, alice's payload, no signature at all; got ${res.status}. ` +
        'Anyone can write such a token: accept only the algorithm you sign with',
    );
  });

  test('a token signed with JWT_SECRET but with HS384 or HS512 instead of HS256 answers 401', async () => {
    const { token } = await workingToken();
    for (const alg of /** @type {const} */ (['HS384', 'HS512'])) {
      const res = await me(resign(token, SECRET, { alg }));
      res.expect(
        res.status === 401,
        `401 for alice's token signed with your secret but with ${alg}, which your app does not use; got ${res.status}. ` +
          'Without a list of allowed algorithms, the library lets the token header choose: pin HS256',
      );
    }
  });
});

describe('4. Refuse expired tokens', () => {
  test('a token that expired 5 minutes ago answers 401', async () => {
    await workingToken();
    const token = expiredToken({ sub: '1' }, SECRET, { secondsAgo: 300 });
    const res = await me(token);
    res.expect(res.status === 401, `401 for alice's token, signed with JWT_SECRET, whose exp passed 5 minutes ago; got ${res.status}`);
  });

  test("alice's own token still works a minute before its exp and answers 401 a minute after it", async () => {
    const { token, claims } = await workingToken();
    const { exp } = claims;
    const res = await me(token);
    res.needsTask(1, typeof exp === 'number', 'the token from POST /login should have an exp');
    vi.useFakeTimers({ toFake: ['Date'], now: (exp - 60) * 1000 });
    const before = await me(token);
    before.expect(before.status === 200, `200 a minute before the token's exp (the app's clock was moved on to ${new Date((exp - 60) * 1000).toISOString()}); got ${before.status}`);
    vi.setSystemTime((exp + 60) * 1000);
    const after = await me(token);
    after.expect(
      after.status === 401,
      `401 a minute after the token's exp (the app's clock was moved on to ${new Date((exp + 60) * 1000).toISOString()}, exp was ${new Date(exp * 1000).toISOString()}); got ${after.status}`,
    );
  });
});
