import { describe, test } from 'vitest';
import { expectRow, expectRows, queryDatabase } from '../grading/db.js';
import { captureConsole, request } from '../grading/http.js';
import { PROBLEMS, addOrder, expectProblem, needsVersionOne, orderCount } from './problems.js';

describe('1. Serve the API under /api/v1', () => {
  test('GET /api/v1/orders answers 200 with every order, ordered by id', async () => {
    await addOrder({ dish: 'Pea soup', quantity: 2 });
    const res = await request('GET', '/api/v1/orders');
    res.expectStatus(200);
    res.expectJson(await queryDatabase('SELECT id, dish, quantity, status FROM orders ORDER BY id'));
  });

  test('GET /api/v1/orders/:id answers 200 with that order', async () => {
    const order = await addOrder({ dish: 'Lamb tagine', quantity: 1, status: 'cooking' });
    const res = await request('GET', `/api/v1/orders/${order.id}`);
    res.expectStatus(200);
    res.expectJson(order);
  });

  test('POST /api/v1/orders answers 201 with a Location that keeps the version, /api/v1/orders/<id>', async () => {
    const res = await request('POST', '/api/v1/orders', { body: { dish: 'Leek soup', quantity: 2 } });
    res.expectStatus(201);
    res.expect(Number.isInteger(res.body?.id), `the new order with its "id"; got ${JSON.stringify(res.body)}`);
    res.expectJson({ id: res.body.id, dish: 'Leek soup', quantity: 2, status: 'received' });
    res.expectHeader('location', `/api/v1/orders/${res.body.id}`);
    await expectRow('orders', { id: res.body.id }, { dish: 'Leek soup', quantity: 2 });
  });

  test('DELETE /api/v1/orders/:id cancels an order that is only received: 204', async () => {
    const order = await addOrder();
    const res = await request('DELETE', `/api/v1/orders/${order.id}`);
    res.expectStatus(204);
    await expectRows('orders', { id: order.id }, []);
  });

  test('the old path, GET /orders, answers 404', async () => {
    const res = await request('GET', '/orders');
    res.expectStatus(404);
  });
});

describe('2. Answer a missing order with a problem', () => {
  test('GET /api/v1/orders/999999 answers 404 with a problem: about:blank, "Not Found"', async () => {
    await needsVersionOne();
    const res = await request('GET', '/api/v1/orders/999999');
    expectProblem(res, { status: 404, type: 'about:blank', title: 'Not Found' });
  });

  test('DELETE /api/v1/orders/999999 answers 404 with a problem: about:blank, "Not Found"', async () => {
    await needsVersionOne();
    const res = await request('DELETE', '/api/v1/orders/999999');
    expectProblem(res, { status: 404, type: 'about:blank', title: 'Not Found' });
  });
});

/** The fields an errors member names, or undefined when it is not a list of { field, message }. */
function namedFields(errors) {
  if (!Array.isArray(errors) || !errors.every((entry) => typeof entry?.field === 'string' && typeof entry?.message === 'string')) return undefined;
  return [...new Set(errors.map((entry) => entry.field))].sort();
}

describe('3. Answer a bad order with a problem type of its own', () => {
  test('POST /api/v1/orders with an empty dish and quantity 0 answers 400 with an invalid-request problem listing both fields', async () => {
    await needsVersionOne();
    const before = await orderCount();
    const res = await request('POST', '/api/v1/orders', { body: { dish: '', quantity: 0 } });
    const problem = expectProblem(res, { status: 400, type: `${PROBLEMS}/invalid-request` });
    const fields = namedFields(problem.errors);
    res.expect(
      JSON.stringify(fields) === JSON.stringify(['dish', 'quantity']),
      `an "errors" member like [{ "field": "dish", "message": "…" }, { "field": "quantity", … }], naming dish and quantity; got ${JSON.stringify(problem.errors) ?? 'no errors member'}`,
    );
    const after = await orderCount();
    res.expect(after === before, `nothing to be stored; the orders table went from ${before} to ${after} rows`);
  });

  test('every bad order gets the same title: it names the kind of problem, not this one', async () => {
    await needsVersionOne();
    const first = await request('POST', '/api/v1/orders', { body: { dish: 'Soup', quantity: 50 } });
    const one = expectProblem(first, { status: 400, type: `${PROBLEMS}/invalid-request` });
    const second = await request('POST', '/api/v1/orders', { body: { quantity: 2 } });
    const other = expectProblem(second, { status: 400, type: `${PROBLEMS}/invalid-request` });
    second.expect(
      one.title === other.title,
      `the same "title" for every invalid-request problem (what changes goes in "detail"); one was ${JSON.stringify(one.title)}, the other ${JSON.stringify(other.title)}`,
    );
  });
});

describe('4. Answer an order that cannot be cancelled with a problem', () => {
  test('DELETE /api/v1/orders/:id for an order that is cooking answers 409 with an order-not-cancellable problem and orderStatus', async () => {
    await needsVersionOne();
    const order = await addOrder({ dish: 'Steak frites', status: 'cooking' });
    const res = await request('DELETE', `/api/v1/orders/${order.id}`);
    const problem = expectProblem(res, { status: 409, type: `${PROBLEMS}/order-not-cancellable` });
    res.expect(problem.orderStatus === 'cooking', `"orderStatus": "cooking", the status of order ${order.id}; got ${JSON.stringify(problem.orderStatus) ?? 'no orderStatus member'}`);
    await expectRow('orders', { id: order.id }, { status: 'cooking' });
  });

  test('an order that was served gets the same kind of problem, with the same title and "orderStatus": "served"', async () => {
    await needsVersionOne();
    const cooking = await addOrder({ status: 'cooking' });
    const served = await addOrder({ status: 'served' });
    const one = expectProblem(await request('DELETE', `/api/v1/orders/${cooking.id}`), { status: 409, type: `${PROBLEMS}/order-not-cancellable` });
    const res = await request('DELETE', `/api/v1/orders/${served.id}`);
    const other = expectProblem(res, { status: 409, type: `${PROBLEMS}/order-not-cancellable` });
    res.expect(other.orderStatus === 'served', `"orderStatus": "served"; got ${JSON.stringify(other.orderStatus) ?? 'no orderStatus member'}`);
    res.expect(one.title === other.title, `the same "title" for both orders; one was ${JSON.stringify(one.title)}, the other ${JSON.stringify(other.title)}`);
    await expectRow('orders', { id: served.id }, { status: 'served' });
  });
});

describe('5. Answer unknown routes and broken JSON with problems', () => {
  test('requests no route answers get a 404 problem: about:blank, "Not Found"', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/menu'],
      ['POST', '/api/v2/orders'],
      ['GET', '/nothing-here'],
    ]) {
      const res = await request(method, path, method === 'POST' ? { body: { dish: 'Soup', quantity: 1 } } : {});
      expectProblem(res, { status: 404, type: 'about:blank', title: 'Not Found' });
    }
  });

  test('a body that is not valid JSON gets a 400 problem: about:blank, "Bad Request"', async () => {
    const res = await request('POST', '/api/v1/orders', { body: '{"dish": "Soup",', headers: { 'content-type': 'application/json' } });
    expectProblem(res, { status: 400, type: 'about:blank', title: 'Bad Request' });
  });
});

// Traces of the crash the summary route causes, with what each one gives away.
const LEAKS = [
  [/total_cents/i, 'the column the SQL asked for'],
  [/SQLITE|no such column/i, 'the database error'],
  [/\bat\s+(?:async\s+)?[\w.<>]+\s+\(/, 'a stack trace line ("at someFunction (…)")'],
  [/\.(?:m?js|cjs|ts):\d+/, 'a file name with a line number (".js:12")'],
  [/node_modules/, 'a path inside node_modules'],
  [/\bError:/, 'an error name and message ("Error: …")'],
];

describe('6. Answer a crash with a problem that gives nothing away', () => {
  test('GET /api/v1/orders/summary, which crashes, answers 500 with a problem: about:blank, "Internal Server Error"', async () => {
    await needsVersionOne();
    const res = await request('GET', '/api/v1/orders/summary');
    expectProblem(res, { status: 500, type: 'about:blank', title: 'Internal Server Error' });
  });

  test('the 500 shows neither the SQL error, nor a stack trace, nor a file path', async () => {
    await needsVersionOne();
    const res = await request('GET', '/api/v1/orders/summary');
    res.expectStatus(500);
    const places = [['the body', res.text], ...Object.entries(res.headers).map(([name, value]) => [`the ${name} header`, value])];
    for (const [where, text] of places) {
      for (const [pattern, what] of LEAKS) {
        const found = pattern.exec(text);
        res.expect(!found, `${where} not to reveal ${what}; it contains "${found?.[0]}"`);
      }
    }
  });

  test('the error itself goes to the log: the console shows "no such column: total_cents"', async () => {
    await needsVersionOne();
    let res;
    const lines = await captureConsole(async () => {
      res = await request('GET', '/api/v1/orders/summary');
    });
    res.expect(
      res.status === 500 && !res.expressPage,
      `an error handler of your app to answer the crash with 500, and log it; ${res.expressPage ? "Express's built-in error page answered, so no handler of yours ran" : `it answered ${res.status}`}`,
    );
    const printed = lines.join('\n');
    res.expect(printed.includes('total_cents'), `the console to show the error, "no such column: total_cents"; ${printed ? `it showed: ${printed.slice(0, 300)}` : 'nothing was printed'}`);
  });
});

/** The three headers that announce the end of version 1. */
function expectAnnouncement(res) {
  res.expectHeader('deprecation', '@1767225600');
  res.expectHeader('sunset', 'Thu, 01 Jul 2027 00:00:00 GMT');
  const link = res.headers.link ?? '';
  res.expect(
    link.includes('<https://kitchen.example/docs/migrate-to-v2>') && /rel="?deprecation"?/.test(link),
    `a Link header to <https://kitchen.example/docs/migrate-to-v2> with rel="deprecation"; got ${link ? `"${link}"` : 'none'}`,
  );
}

describe('7. Announce the end of version 1', () => {
  test('GET /api/v1/orders carries Deprecation, Sunset and a Link to the migration guide', async () => {
    await needsVersionOne();
    expectAnnouncement(await request('GET', '/api/v1/orders'));
  });

  test('an error under /api/v1 carries them too: GET /api/v1/orders/999999 and POST /api/v1/orders with a bad order', async () => {
    await needsVersionOne();
    expectAnnouncement(await request('GET', '/api/v1/orders/999999'));
    expectAnnouncement(await request('POST', '/api/v1/orders', { body: { dish: '' } }));
  });
});
