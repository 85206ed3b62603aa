import { describe, test } from 'vitest';
import { DB_WAIT, ROUNDING, SPECIALS, SUPPLIER_WAIT, expectHonestTotals, responseTime, serverTiming, shown, timed } from './timing.js';

describe('1. Time the slow page', () => {
  test('GET /specials still answers 200 with the two specials and their prices', async () => {
    const { res } = await timed('/specials');
    res.expectStatus(200);
    res.expectJson(SPECIALS);
  });

  test('GET /specials has X-Response-Time and Server-Timing total: at least the 230 ms it waits, at most what the grader measured', async () => {
    const { res, measured } = await timed('/specials');
    res.expectStatus(200);
    expectHonestTotals(res, measured, {
      atLeast: DB_WAIT + SUPPLIER_WAIT,
      atLeastText: 'the 230 ms GET /specials spends waiting: 80 ms for the database, then 150 ms for the supplier',
    });
  });
});

describe("2. Show the database's share", () => {
  test('GET /specials has Server-Timing db: the time spent in query(), with its 80 ms network wait, and no more than the total', async () => {
    const { res, measured } = await timed('/specials');
    const metrics = serverTiming(res);
    const total = metrics.get('total')?.dur;
    res.needsTask(1, total !== undefined && responseTime(res) !== undefined, 'GET /specials should have X-Response-Time and a Server-Timing header with total;dur=…');
    const db = metrics.get('db')?.dur;
    res.expect(
      db !== undefined,
      `a "db" metric in Server-Timing, such as "db;dur=80.5, total;dur=231.4", next to the total; got ${shown(res, 'server-timing')}`,
    );
    res.expect(
      db >= DB_WAIT,
      'db to be at least the 80 ms query() waits for the network before the database answers; it says less. ' +
        'Time the whole await query(…) call in the route, not just db.all inside it',
    );
    // A total that task 1 refuses is task 1's to report: db is then compared with what the grader measured.
    const whole = total >= DB_WAIT + SUPPLIER_WAIT && total <= measured + ROUNDING ? total : measured;
    res.expect(db <= whole + ROUNDING, 'db to be no more than the total: it is a part of the whole answer; it says more');
    res.expect(
      db <= whole - SUPPLIER_WAIT,
      'db to leave out the 150 ms the route waits for the supplier after the query: at least that much less than the total; it is more. ' +
        'Stop the clock for db as soon as query(…) has answered',
    );
  });
});

describe('3. Time every answer', () => {
  test('GET /health, which answers at once, reports a small figure: at most what the grader measured', async () => {
    const { res, measured } = await timed('/health');
    res.expectStatus(200);
    res.expectJson({ status: 'ok' });
    expectHonestTotals(res, measured);
  });

  test('a path no route answers (GET /no-such-page, a 404) has X-Response-Time and Server-Timing total too', async () => {
    const { res, measured } = await timed('/no-such-page');
    res.expectStatus(404);
    res.expect(
      res.headers['x-response-time'] !== undefined || !res.expressPage,
      "an X-Response-Time header on Express's own 404 page too; it has none. No route runs for this path, so headers set " +
        'inside your routes never reach it: time every answer from a middleware that runs before the routes. A hook on ' +
        "res.json or res.send misses this page too (Express's 404 calls neither): hook the moment the headers are written " +
        'instead (wrap res.writeHead, as the on-headers pattern does)',
    );
    expectHonestTotals(res, measured);
  });
});
