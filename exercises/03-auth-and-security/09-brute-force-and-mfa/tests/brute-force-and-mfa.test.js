import { describe, test } from 'vitest';
import {
  PASSWORD,
  alignClock,
  codeFor,
  fiveFailuresThenRight,
  login,
  loginRight,
  loginWrong,
  expectLock,
  needsTotp,
  newEmail,
  retryAfter,
  sameBody,
  showBody,
  signUp,
  startApp,
  statuses,
  waitSeconds,
} from './logins.js';

// Every sign-up and login runs bcrypt at cost 10 (a tenth of a second or more each), and a lock takes six logins.
const SLOW = 30_000;

describe('1. Give nothing away about who has an account', () => {
  test('the right password still lets the diner in: 200 with their id and email', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'ada');
    const res = await loginRight(app, diner);
    res.expectStatus(200);
    res.expectJsonContaining({ id: diner.id, email: diner.email });
  }, SLOW);

  test('a wrong password answers 401 with a JSON error', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'grace');
    const res = await loginWrong(app, diner);
    res.expectError(401);
  }, SLOW);

  test('an email nobody signed up with gets exactly the answer a wrong password gets', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'alan');
    const wrong = await loginWrong(app, diner);
    const email = newEmail('nobody');
    const res = await login(app, email, PASSWORD, codeFor(diner));
    res.expect(
      res.status === wrong.status && sameBody(res, wrong),
      `the same status and body as for a wrong password (${wrong.status} ${showBody(wrong)}); for ${email}, which has no account, ` +
        `your app answered ${res.status} ${showBody(res)}. The difference tells a stranger which emails have an account`,
    );
  }, SLOW);
});

describe('2. Lock an email after five failed logins', () => {
  test('five wrong passwords, then the right one: 429 with a JSON error', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'margaret');
    const replies = await fiveFailuresThenRight(app, diner);
    const res = replies.at(-1);
    res.expect(
      replies.slice(0, 5).every((reply) => reply.status === 401),
      `five wrong passwords to answer 401; they answered ${statuses(replies.slice(0, 5))}`,
    );
    res.expect(
      res.status === 429,
      `429 for the sixth login, with the right password, after five wrong ones for ${diner.email}; got ${res.status}. ` +
        'Without a lock a script can try thousands of passwords an hour',
    );
    res.expectError(429);
  }, SLOW);

  test('the 429 has a Retry-After header: the whole seconds until the email unlocks, about 900', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'barbara');
    const replies = await fiveFailuresThenRight(app, diner);
    expectLock(replies);
    const res = replies.at(-1);
    const seconds = retryAfter(res);
    // The six logins take a few seconds of the app's clock, more on a busy machine: a minute's margin.
    res.expect(
      seconds !== undefined && seconds >= 840 && seconds <= 900,
      `a Retry-After header with the whole seconds until the email unlocks, 15 minutes after the first or the fifth failure: ` +
        `at most 900, and no less than 840 right after the fifth failure; got ${res.headers['retry-after'] === undefined ? 'none' : `"${res.headers['retry-after']}"`}`,
    );
  }, SLOW);

  test('once the Retry-After seconds have passed the right password works again, and not before', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'frances');
    const replies = await fiveFailuresThenRight(app, diner);
    expectLock(replies);
    const seconds = retryAfter(replies.at(-1));
    replies.at(-1).expect(
      seconds !== undefined && seconds >= 1 && seconds <= 900,
      `a Retry-After header on the 429, the seconds until the email unlocks (the check before this one); got ${replies.at(-1).headers['retry-after'] ?? 'none'}`,
    );
    if (seconds > 2) {
      waitSeconds(seconds - 2);
      const early = await login(app, diner.email, PASSWORD, codeFor(diner));
      early.expect(early.status === 429, `429 still, ${seconds - 2} seconds after a Retry-After of ${seconds}; got ${early.status}`);
      waitSeconds(3);
    } else {
      waitSeconds(seconds + 1);
    }
    const res = await loginRight(app, diner);
    res.expect(
      res.status === 200,
      `200 for the right password once the lock has ended (the clock moved on more than the ${seconds} seconds of Retry-After); got ${res.status}`,
    );
  }, SLOW);

  test('logins that succeed are not counted: six in a row all answer 200', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'grace');
    const replies = [];
    for (let i = 0; i < 6; i++) {
      // Half a minute apart, so each login has a code of its own.
      if (i > 0) waitSeconds(30);
      replies.push(await loginRight(app, diner));
    }
    replies.at(-1).expect(
      replies.every((res) => res.status === 200),
      `six logins with the right password, half a minute apart, to answer 200 each; they answered ${statuses(replies)}. ` +
        'Only failed logins count toward the lock',
    );
  }, SLOW);

  test('while one email is locked, another diner still logs in', async () => {
    const app = await startApp();
    const locked = await signUp(app, 'hedy');
    const other = await signUp(app, 'katherine');
    expectLock(await fiveFailuresThenRight(app, locked));
    const res = await loginRight(app, other);
    res.expect(
      res.status === 200,
      `200 for ${other.email} with the right password, while ${locked.email} is locked; got ${res.status}. ` +
        'Count failures per email, not for the whole app or per address: everyone here comes from the same one',
    );
  }, SLOW);

  test('an email nobody signed up with is locked after five tries too, with the same status and body', async () => {
    const app = await startApp();
    const known = await signUp(app, 'dorothy');
    const replies = await fiveFailuresThenRight(app, known);
    expectLock(replies);
    const lockedKnown = replies.at(-1);
    const email = newEmail('nobody');
    const tries = [];
    for (let i = 0; i < 6; i++) tries.push(await login(app, email, PASSWORD, codeFor(known)));
    const res = tries.at(-1);
    res.expect(
      res.status === lockedKnown.status && sameBody(res, lockedKnown),
      `the sixth login for ${email}, which has no account, to get what a locked account gets (${lockedKnown.status} ${showBody(lockedKnown)}); ` +
        `the six logins answered ${statuses(tries)}, the last one ${showBody(res)}. ` +
        'When only real accounts lock, or lock with other words, the lock tells a stranger which emails have an account',
    );
  }, SLOW);
});

describe('3. Ask for a code from the authenticator app', () => {
  test('POST /register answers an otpauthUrl: a TOTP address with a secret, 6 digits and 30 seconds', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'ada');
    const url = diner.res.body?.otpauthUrl;
    diner.res.expect(
      diner.totp !== undefined,
      `an "otpauthUrl" field with an otpauth://totp/… address that an authenticator app can read; got ${url === undefined ? 'no otpauthUrl' : JSON.stringify(url)}`,
    );
    const { digits, period, algorithm } = diner.totp;
    diner.res.expect(
      digits === 6 && period === 30 && algorithm === 'SHA1',
      `codes of 6 digits every 30 seconds with SHA1 (digits=6, period=30, algorithm=SHA1); the address says digits=${digits}, period=${period}, algorithm=${algorithm}`,
    );
    diner.res.expectJsonContaining({ email: diner.email });
  }, SLOW);

  test('two diners get secrets of their own', async () => {
    const app = await startApp();
    const first = await signUp(app, 'grace');
    const second = await signUp(app, 'edsger');
    needsTotp(first);
    needsTotp(second);
    second.res.expect(
      first.totp.secret.base32 !== second.totp.secret.base32,
      `a secret for ${second.email} other than the one ${first.email} got; both got ${first.totp.secret.base32}. ` +
        'With one secret for everyone, any diner can make the codes of every other. Make a new random secret at each sign-up',
    );
  }, SLOW);

  test('the right password and the current code answer 200', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'alan');
    needsTotp(diner);
    const res = await loginRight(app, diner);
    res.expectStatus(200);
    res.expectJsonContaining({ id: diner.id, email: diner.email });
  }, SLOW);

  test('a missing code, and a wrong one, answer 401 with the body a wrong password gets', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'margaret');
    needsTotp(diner);
    const wrongPassword = await loginWrong(app, diner);
    alignClock();
    const near = [-1, 0, 1].map((steps) => codeFor(diner, steps));
    let wrongCode = near[1];
    while (near.includes(wrongCode)) wrongCode = String((Number(wrongCode) + 111_111) % 1_000_000).padStart(6, '0');
    for (const [what, code] of [
      ['no code', undefined],
      ['a wrong code', wrongCode],
    ]) {
      const res = await login(app, diner.email, PASSWORD, code, what);
      res.expect(
        res.status === 401 && sameBody(res, wrongPassword),
        `401 and the body a wrong password gets (${showBody(wrongPassword)}) for the right password with ${what}; got ${res.status} ${showBody(res)}`,
      );
    }
  }, SLOW);

  test('the code of the 30 seconds before, and of the 30 seconds after, is accepted too', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'barbara');
    needsTotp(diner);
    for (const [steps, what] of [
      [-1, 'the code of the 30 seconds before'],
      [1, 'the code of the 30 seconds after'],
    ]) {
      alignClock();
      const res = await login(app, diner.email, PASSWORD, codeFor(diner, steps), what);
      res.expect(res.status === 200, `200 for the right password with ${what} (a window of one step each way); got ${res.status}`);
    }
  }, SLOW);

  test('a code a minute old, or five minutes old, answers 401 like a wrong password', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'frances');
    needsTotp(diner);
    const wrongPassword = await loginWrong(app, diner);
    for (const [steps, what] of [
      [-10, 'five minutes old'],
      [-2, 'a minute old (two steps back)'],
    ]) {
      alignClock();
      const res = await login(app, diner.email, PASSWORD, codeFor(diner, steps), `a code ${what}`);
      res.expect(
        res.status === 401 && sameBody(res, wrongPassword),
        `401 and the body a wrong password gets (${showBody(wrongPassword)}) for the right password with a code ${what}; got ${res.status} ${showBody(res)}. ` +
          'Accept the current step and one step each way, nothing more: ' +
          'every step you add gives a guesser more codes that work',
      );
    }
  }, SLOW);

  test('a code that has let the diner in is refused the next time', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'hedy');
    needsTotp(diner);
    alignClock();
    const code = codeFor(diner);
    const first = await login(app, diner.email, PASSWORD, code);
    first.expect(first.status === 200, `200 for the right password and the current code; got ${first.status}`);
    const res = await login(app, diner.email, PASSWORD, code, 'the same code again');
    res.expect(
      res.status === 401,
      `401 when the code that let ${diner.email} in a moment ago is sent again; got ${res.status}. ` +
        'Someone who saw the code (over a shoulder, in a log) could use it for the rest of its 30 seconds: remember the last step used',
    );
  }, SLOW);

  test('five wrong codes lock the email too', async () => {
    const app = await startApp();
    const diner = await signUp(app, 'katherine');
    needsTotp(diner);
    alignClock();
    const near = [-1, 0, 1].map((steps) => codeFor(diner, steps));
    const replies = [];
    for (let i = 1; replies.length < 5; i++) {
      const code = String(i * 98_765).padStart(6, '0');
      if (!near.includes(code)) replies.push(await login(app, diner.email, PASSWORD, code, 'a wrong code'));
    }
    replies.push(await login(app, diner.email, PASSWORD, codeFor(diner)));
    const res = replies.at(-1);
    res.expect(
      statuses(replies) === '401, 401, 401, 401, 401, 429',
      `five wrong codes (with the right password) to answer 401 and the sixth login, with the right code, 429; they answered ${statuses(replies)}. ` +
        'A code has only a million values: a wrong code must count as a failed login, or a script tries them all',
    );
  }, SLOW);
});
