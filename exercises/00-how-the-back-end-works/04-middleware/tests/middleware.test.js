import { describe, test } from 'vitest';
import { request, captureConsole, describeText } from '../grading/http.js';

/** Checks that a reply carries a non-empty X-Request-Id header and returns it. */
function requestIdOf(res) {
  const id = res.headers['x-request-id'];
  res.expect(typeof id === 'string' && id.trim() !== '', 'an X-Request-Id header with a non-empty value');
  return id;
}

describe('1. Stamp every response with a request id', () => {
  test('GET /menu answers with an X-Request-Id header', async () => {
    const res = await request('GET', '/menu');
    res.expectStatus(200);
    requestIdOf(res);
  });

  test('a 404 for an unknown dish carries an X-Request-Id header too', async () => {
    const res = await request('GET', '/menu/99');
    res.expectError(404);
    requestIdOf(res);
  });

  test('a request to a route that does not exist carries an X-Request-Id header too', async () => {
    const res = await request('GET', '/no-such-page');
    res.expectStatus(404);
    requestIdOf(res);
  });

  test('five requests get five different request ids', async () => {
    const ids = [];
    let last;
    for (let i = 0; i < 5; i++) {
      last = await request('GET', '/menu/1');
      ids.push(requestIdOf(last));
    }
    last.expect(new Set(ids).size === 5, `five different X-Request-Id values; got ${JSON.stringify(ids)}`);
  });
});

describe('2. Keep the request id the caller sent', () => {
  test('a valid X-Request-Id sent by the caller comes back unchanged', async () => {
    const res = await request('GET', '/menu', { headers: { 'X-Request-Id': 'table-7_order-42' } });
    res.expectStatus(200);
    res.expectHeader('x-request-id', 'table-7_order-42');
  });

  test('a 64-character X-Request-Id is still valid and comes back unchanged', async () => {
    const longest = 'A1b2C3d4-'.repeat(7) + 'x'; // 64 characters
    const res = await request('GET', '/menu/2', { headers: { 'X-Request-Id': longest } });
    res.expectStatus(200);
    res.expectHeader('x-request-id', longest, `the X-Request-Id sent, ${describeText(longest, { maxLength: 64 })}, back unchanged`);
  });

  test('an X-Request-Id that is too long or holds unsafe characters is replaced, not echoed', async () => {
    const hostile = [
      [describeText('x'.repeat(65), { maxLength: 64 }), 'x'.repeat(65)],
      ['"abc def", which holds a space,', 'abc def'],
      ['"<script>alert(1)</script>", which holds < and >,', '<script>alert(1)</script>'],
      ['"order;42", which holds a ;,', 'order;42'],
    ];
    for (const [described, value] of hostile) {
      const res = await request('GET', '/menu', { headers: { 'X-Request-Id': value } });
      res.expectStatus(200);
      const id = requestIdOf(res);
      res.expect(
        id !== value && !id.includes(value) && !/[<>\s;]/.test(id),
        `the X-Request-Id ${described} to be replaced by a fresh id; it came back as ${describeText(id)}`,
      );
    }
  });
});

const DURATION = /(\d+(?:\.\d+)?)\s?ms\b/i;

/**
 * Sends one request while watching the console, and checks that exactly one printed line mentions
 * its path, and that this line also names the method, the status and a duration in milliseconds.
 * Returns the reply, the line, and how many milliseconds passed from sending the request to reading
 * the log.
 */
async function expectOneLogLine(method, path, status) {
  let res;
  let tookMs;
  const lines = await captureConsole(async () => {
    const started = performance.now();
    res = await request(method, path);
    // The log line may be written when the response finishes, a moment after the reply arrives.
    await new Promise((resolve) => setTimeout(resolve, 20));
    tookMs = performance.now() - started;
  });
  res.expectStatus(status);
  const mentions = lines.filter((line) => line.includes(path));
  res.expect(
    mentions.length === 1,
    `exactly one log line that mentions ${path}; got ${mentions.length}${lines.length ? `: ${JSON.stringify(lines)}` : ' (nothing was printed)'}`,
  );
  const line = mentions[0];
  res.expect(line.includes(method), `the log line to name the method ${method}: ${JSON.stringify(line)}`);
  res.expect(new RegExp(`\\b${status}\\b`).test(line), `the log line to hold the status ${status}: ${JSON.stringify(line)}`);
  res.expect(DURATION.test(line), `the log line to hold the duration in milliseconds, like "12ms" or "3.4 ms": ${JSON.stringify(line)}`);
  return { res, line, tookMs };
}

describe('3. Log one line per request', () => {
  test('GET /menu/3 logs one line with GET, /menu/3, 200 and the duration in ms', async () => {
    await expectOneLogLine('GET', '/menu/3', 200);
  });

  test('GET /menu/99 logs one line with the 404 status it answered', async () => {
    await expectOneLogLine('GET', '/menu/99', 404);
  });

  test('POST /no-such-page logs one line with POST and 404', async () => {
    await expectOneLogLine('POST', '/no-such-page', 404);
  });

  test('the duration logged for GET /menu/2 is no more than the request took, not a clock time', async () => {
    const { res, line, tookMs } = await expectOneLogLine('GET', '/menu/2', 200);
    const logged = Number(DURATION.exec(line)[1]);
    const most = Math.ceil(tookMs);
    res.expect(
      logged <= most,
      `the duration in the log line to be how long the request took: at most ${most} ms here, from sending it to ` +
        `reading the log; the line says ${logged} ms: ${JSON.stringify(line)}. Take the time when your middleware ` +
        'runs, and subtract it from the time when the response is finished',
    );
  });
});
