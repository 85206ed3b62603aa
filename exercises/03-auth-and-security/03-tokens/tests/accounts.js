// What the token tests share.
//
// The secret: the check sets JWT_SECRET before the first request imports app.js, so only an app that
// reads process.env.JWT_SECRET makes tokens that verify with it. It is fixed rather than random, and so
// is the app's clock (Date is Vitest's fake, stopped at 09:00 UTC on 1 January 2099 in every test), so
// that the app signs the same tokens in every check and a check gives the same results every time.
// The time is in the future because the harness's watchdog reads the same clock: a time in the past
// would look like a worker that stopped answering.
import { afterEach, beforeEach, vi } from 'vitest';
import { request } from '../grading/http.js';
import { bearer, decodeToken } from '../grading/tokens.js';

export const SECRET = 'kitchen-check-3f9a1c7e5b2d4f60a8e1c3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5';
process.env.JWT_SECRET = SECRET;

/** A secret that is not the app's, for tokens signed by someone else. */
export const OTHER_SECRET = 'someone-else-7c1e9a3f5b8d2c4e6a0f1b3d5c7e9a2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3';

/** The app's clock in every test, in milliseconds: 1 January 2099, 09:00 UTC. */
export const NOW = Date.UTC(2099, 0, 1, 9, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
});

afterEach(() => {
  vi.useRealTimers();
});

/** The two users app.js seeds, with their passwords and what GET /me should answer for them. */
export const ALICE = { username: 'alice', password: 'tomato-soup-42', me: { id: 1, username: 'alice' } };
export const BOB = { username: 'bob', password: 'lemon-tart-17', me: { id: 2, username: 'bob' } };

/**
 * POST /login as `user`, once per user and test file (bcrypt makes each login slow on purpose): the
 * reply and its accessToken when it is text. Every test starts at the same time, NOW, so a token
 * made in an earlier test is the one this test would get.
 * @returns {Promise<{ res: import('../grading/http.js').Reply, token: string | undefined }>}
 */
export function logIn(user) {
  if (!logins.has(user.username)) {
    logins.set(
      user.username,
      (async () => {
        const res = await request('POST', '/login', { body: { username: user.username, password: user.password } });
        const token = typeof res.body?.accessToken === 'string' && res.body.accessToken !== '' ? res.body.accessToken : undefined;
        return { res, token };
      })(),
    );
  }
  return logins.get(user.username);
}

const logins = new Map();

/** Logs in as `user`, failing with "this needs task 1 first" unless the app answered 200 with a token. */
export async function tokenFor(user) {
  const { res, token } = await logIn(user);
  res.needsTask(1, res.status === 200 && token, `POST /login with ${user.username}'s password should answer 200 with { "accessToken": "…" }`);
  return token;
}

/** GET /me with `Authorization: Bearer <token>`. */
export function me(token) {
  return request('GET', '/me', { headers: bearer(token) });
}

/**
 * Logs in as alice and shows her token to GET /me: fails with "this needs task 2 first" unless that
 * answers 200, so that a check of a forged token is never passed by an app that refuses every token.
 */
export async function workingToken() {
  const token = await tokenFor(ALICE);
  const res = await me(token);
  res.needsTask(2, res.status === 200, "GET /me with the token from alice's login should answer 200 with her id and username");
  return { token, claims: decodeToken(token)?.payload ?? {} };
}
