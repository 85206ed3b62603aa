// What the login tests share. Every test gets an app of its own (app.js imported afresh, so its
// counts and locks start empty, whether express-rate-limit keeps them or the app's own code does) and
// a clock of its own: Date, setTimeout and setInterval are Vitest's fake timers, which run on with
// real time but can be moved on by fifteen minutes at once, so no test sleeps through a real lock.
// TOTP codes are computed from the otpauth:// address the app gave at sign-up, on the app's clock.
import * as OTPAuth from 'otpauth';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, vi } from 'vitest';
import { request, restartedApp } from '../grading/http.js';
import { recordRequest } from '../grading/runtime.js';

export const PASSWORD = 'Lemon-tart-at-noon!';
export const WRONG_PASSWORD = 'Lemon-tart-at-nine!';
const STEP_MS = 30_000;
// bcrypt is slow on purpose: sign-ups and logins get more time to answer than other requests.
const BCRYPT_TIME = 10_000;

beforeEach(() => {
  // Ten seconds into a 30-second step, so a code made now is still current when the app checks it.
  vi.useFakeTimers({
    now: Math.ceil(Date.now() / STEP_MS) * STEP_MS + 10_000,
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    shouldAdvanceTime: true,
  });
});

afterEach(() => {
  vi.useRealTimers();
});

/** app.js imported afresh, as if the app had just started. */
export function startApp() {
  return restartedApp();
}

/** Moves the app's clock on by this many seconds, running the timers that fall due. */
export function waitSeconds(seconds) {
  vi.advanceTimersByTime(seconds * 1000);
}

/**
 * Moves the clock on, by at most 40 seconds, to 10 seconds into a step when it is near a step's
 * edge, so a code made now is still the current one when the app checks it.
 */
export function alignClock() {
  const into = Date.now() % STEP_MS;
  if (into < 3_000 || into > 22_000) waitSeconds((STEP_MS - into + 10_000) / 1000);
}

let diners = 0;

/** A fresh email for each diner, so tests never meet each other's diners or locks. */
export function newEmail(name = 'diner') {
  diners += 1;
  return `${name}-${diners}@example.com`;
}

/** The TOTP of an otpauth:// address, or undefined when it is not one otpauth can read. */
export function parseTotp(url) {
  if (typeof url !== 'string' || !url.startsWith('otpauth://')) return undefined;
  try {
    const otp = OTPAuth.URI.parse(url);
    return otp instanceof OTPAuth.TOTP ? otp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Signs a diner up through the app: `{ email, id, res, totp }`, `totp` being undefined when the app
 * gave no otpauth:// address (before task 3).
 */
export async function signUp(app, name) {
  const email = newEmail(name);
  const res = await request('POST', '/register', { app, body: { email, password: PASSWORD }, timeoutMs: BCRYPT_TIME });
  res.expectStatus(201);
  return { email, id: res.body?.id, res, totp: parseTotp(res.body?.otpauthUrl) };
}

/** Fails unless the sign-up gave an otpauth:// address the grader can make codes from. */
export function needsTotp(diner) {
  diner.res.expect(
    diner.totp !== undefined,
    `an "otpauthUrl" in the answer, with an otpauth://totp/… address (the first check of this task): the grader makes the diner's codes from it; got ${
      diner.res.body?.otpauthUrl === undefined ? 'no otpauthUrl' : JSON.stringify(diner.res.body.otpauthUrl)
    }`,
  );
}

/** The diner's code for now, or for `steps` steps from now (negative: in the past). */
export function codeFor(diner, steps = 0) {
  return diner.totp?.generate({ timestamp: Date.now() + steps * STEP_MS });
}

/**
 * POST /login with these fields; `code` is left out when undefined. A code changes every run (the
 * secret is the app's, the time is now), so the request shown with the results and in messages
 * names it instead, `"code": "<the current code>"`, the same every run.
 */
export async function login(app, email, password, code, codeName = 'the current code') {
  const body = { email, password };
  if (code !== undefined) body.code = code;
  const res = await request('POST', '/login', { app, body, timeoutMs: BCRYPT_TIME });
  if (code !== undefined) {
    const named = (text) => text.replace(`"code":"${code}"`, `"code":"<${codeName}>"`);
    res.request = { ...res.request, body: named(res.request.body), curl: named(res.request.curl) };
    recordRequest(res.request);
  }
  return res;
}

/** The right password, and the current code when the diner has a TOTP. */
export function loginRight(app, diner) {
  alignClock();
  return login(app, diner.email, PASSWORD, codeFor(diner));
}

/** A wrong password (with the right code, when there is one). */
export function loginWrong(app, diner) {
  return login(app, diner.email, WRONG_PASSWORD, codeFor(diner));
}

/** "401, 401, 429" */
export function statuses(replies) {
  return replies.map((res) => res.status).join(', ');
}

/** Five wrong passwords then the right one: returns the six replies. */
export async function fiveFailuresThenRight(app, diner) {
  const replies = [];
  for (let i = 0; i < 5; i++) replies.push(await loginWrong(app, diner));
  replies.push(await login(app, diner.email, PASSWORD, codeFor(diner)));
  return replies;
}

/** Fails unless five failures were answered 401 and the sixth login 429 (the first check of task 2). */
export function expectLock(replies) {
  replies.at(-1).expect(
    replies.slice(0, 5).every((res) => res.status === 401) && replies[5].status === 429,
    `five wrong passwords to answer 401 and the sixth login, with the right password, 429 (the first check of this task); they answered ${statuses(replies)}`,
  );
}

/** The whole number of seconds in a Retry-After header, or undefined when it is not one. */
export function retryAfter(res) {
  const value = res.headers['retry-after'];
  return /^\d+$/.test(value ?? '') ? Number(value) : undefined;
}

export function sameBody(a, b) {
  return isDeepStrictEqual(a.body, b.body) && a.body !== undefined;
}

/** A body for a message: its JSON, or its text when it is not JSON. */
export function showBody(res) {
  return res.body === undefined ? JSON.stringify(res.text) : JSON.stringify(res.body);
}
