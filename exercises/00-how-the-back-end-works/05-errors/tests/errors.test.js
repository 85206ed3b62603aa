import { describe, test } from 'vitest';
import { request, captureConsole } from '../grading/http.js';

// What the starter's broken routes fail with. The messages hold a file path and a secret on purpose:
// they belong in the log, never in a response.
const OVEN_MESSAGE = 'The oven in /srv/kitchen/oven.js caught fire';
const FRIDGE_MESSAGE = 'The fridge stopped answering (secret-password=hunter2)';

// The menu the starter's GET /menu answers, which must keep working.
const MENU = [
  { id: 1, name: 'Tomato soup', price: 6.5, category: 'starters' },
  { id: 2, name: 'Garlic bread', price: 4, category: 'starters' },
  { id: 3, name: 'Margherita pizza', price: 11, category: 'mains' },
];

// Traces of a stack trace or of the server's files, with what each one gives away.
const LEAKS = [
  [/\bat\s+(?:async\s+)?[\w.<>]+\s+\(/, 'a stack trace line ("at someFunction (…)")'],
  [/\bat\s+(?:file:\/\/)?\/[\w.-]+\//, 'a stack trace line ("at /path/…")'],
  [/\.(?:m?js|cjs|ts):\d+/, 'a file name with a line number (".js:12")'],
  [/node_modules/, 'a path inside node_modules'],
  [/(?:^|[\s"'(])\/(?:srv|home|usr|tmp|var|opt|app|work|Users|root)\//, 'a file path on the server'],
  [/[A-Z]:\\/, 'a Windows file path'],
  [/\bError:/, 'an error name and message ("Error: …")'],
  [/oven|fridge|hunter2/i, "the error's own message"],
];

/** Checks that neither the body nor any header of a reply gives away how the server failed. */
function expectNoLeak(res) {
  const places = [['the body', res.text ?? '']];
  for (const [name, value] of Object.entries(res.headers)) {
    places.push([`the ${name} header`, String(value)]);
  }
  for (const [where, text] of places) {
    for (const [pattern, what] of LEAKS) {
      const found = pattern.exec(text);
      res.expect(!found, `${where} not to reveal ${what}; it contains "${found?.[0]}"`);
    }
  }
}

/** Checks the one answer a crash deserves: 500 and exactly { "error": "Internal Server Error" }. */
function expectInternalServerError(res) {
  res.expectStatus(500);
  res.expectHeader('content-type', /application\/json/);
  res.expectJson({ error: 'Internal Server Error' });
}

/** Sends a request while watching the console and returns the reply and everything printed. */
async function requestWatchingConsole(method, path) {
  let res;
  const lines = await captureConsole(async () => {
    res = await request(method, path);
  });
  return { res, printed: lines.join('\n') };
}

describe('1. Answer unknown routes with a JSON 404', () => {
  test('GET /no-such-page answers 404 with a JSON error', async () => {
    const res = await request('GET', '/no-such-page');
    res.expectError(404);
  });

  test('GET /menu/1/reviews, a path no route matches, answers 404 with a JSON error', async () => {
    const res = await request('GET', '/menu/1/reviews');
    res.expectError(404);
  });

  test('POST /kitchen/secrets, a path no route matches, answers 404 with a JSON error', async () => {
    const res = await request('POST', '/kitchen/secrets', { body: { peek: true } });
    res.expectError(404);
  });

  test('GET /menu still answers 200 with the menu', async () => {
    const res = await request('GET', '/menu');
    res.expectStatus(200);
    res.expectJson(MENU);
  });
});

describe('2. Turn crashes into a JSON 500 that leaks nothing', () => {
  test('GET /boom, which throws, answers 500 with exactly { "error": "Internal Server Error" }', async () => {
    expectInternalServerError(await request('GET', '/boom'));
  });

  test('GET /boom-async, whose promise rejects, answers 500 with exactly { "error": "Internal Server Error" }', async () => {
    expectInternalServerError(await request('GET', '/boom-async'));
  });

  test('neither the body nor the headers of those 500s show a stack trace, a file path or the error message', async () => {
    for (const path of ['/boom', '/boom-async']) {
      const res = await request('GET', path);
      res.expectStatus(500);
      expectNoLeak(res);
    }
  });
});

/**
 * Checks that the app's own error handler printed the error's message. When Express's built-in error
 * page answered, no handler of the app ran (Express prints the error itself then, which proves
 * nothing): writing one is task 2's work, so the message says so.
 */
function expectLogged(res, printed, message) {
  res.needsTask(
    2,
    res.expressPage === undefined,
    'an error handler, with four parameters (err, req, res, next), should answer the crash; ' +
      "Express's built-in error page answered instead, so no handler of yours ran to log the error",
  );
  res.expect(
    printed.includes(message),
    `the console to show the error's message, "${message}"; ${printed ? `it showed: ${printed.slice(0, 300)}` : 'nothing was printed'}`,
  );
}

describe('3. Keep the error in the log', () => {
  test('GET /boom prints the error to the console', async () => {
    const { res, printed } = await requestWatchingConsole('GET', '/boom');
    expectLogged(res, printed, OVEN_MESSAGE);
  });

  test('GET /boom-async prints the error to the console', async () => {
    const { res, printed } = await requestWatchingConsole('GET', '/boom-async');
    expectLogged(res, printed, FRIDGE_MESSAGE);
  });
});
