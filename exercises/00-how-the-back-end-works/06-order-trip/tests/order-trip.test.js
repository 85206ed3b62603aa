import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, test } from 'vitest';
import { request } from '../grading/http.js';

// A fake payment service on 127.0.0.1. Each test says how it should answer (`answer`), and it records
// every call it receives (`calls`), so a test can check what the learner's app sent it.
let answer;
let calls = [];
let paymentService;
let paymentUrl;
let downUrl; // an address where nothing listens: a payment service that is down

beforeAll(async () => {
  paymentService = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push({ method: req.method, path: req.url, contentType: req.headers['content-type'] ?? '', body });
      answer(res);
    });
  });
  paymentUrl = await listen(paymentService);

  const closed = http.createServer();
  downUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  // A test leaves a request unanswered on purpose; drop it so the server can close.
  paymentService.closeAllConnections();
  await new Promise((resolve) => paymentService.close(resolve));
});

beforeEach(() => {
  calls = [];
  answer = (res) => reply(res, 201, { status: 'captured' });
  process.env.PAYMENT_URL = paymentUrl;
});

function listen(server) {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

/** The JSON body of a call the payment service received, or undefined when it was not JSON. */
function sentJson(call) {
  try {
    return JSON.parse(call.body);
  } catch {
    return undefined;
  }
}

function reply(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const ITEMS = [
  { menuItemId: 1, quantity: 2 }, // 2 × 6.5
  { menuItemId: 3, quantity: 1 }, // 1 × 11
];
const TOTAL = 24;

function placeOrder(options = {}) {
  return request('POST', '/orders', { body: { items: ITEMS }, ...options });
}

/** Checks that GET /orders/:id shows the order with this status. */
async function expectStoredStatus(id, status) {
  const res = await request('GET', `/orders/${id}`);
  res.expectStatus(200);
  res.expect(
    res.body?.status === status,
    `GET /orders/${id} to show the status "${status}"; got ${JSON.stringify(res.body?.status)}`,
  );
}

/**
 * Checks a failed payment's reply: this status, a JSON error sentence, and the order with this
 * status under "order". Returns the order.
 */
function expectPaymentError(res, status, orderStatus) {
  res.expectError(status);
  const order = res.body.order;
  res.expect(
    order && typeof order === 'object' && order.id !== undefined,
    'the body to hold the stored order under "order", with its "id"',
  );
  res.expect(order.status === orderStatus, `"order.status" to be "${orderStatus}"; got ${JSON.stringify(order.status)}`);
  return order;
}

describe('1. Charge the order through the payment service', () => {
  test('when the payment service answers 201, POST /orders answers 201 with the order "paid"', async () => {
    const res = await placeOrder();
    res.expectStatus(201);
    res.expectHeader('content-type', /application\/json/);
    res.expect(res.body?.id !== undefined, 'the body to be the order, with its "id"');
    res.expectHeader('location', `/orders/${res.body.id}`);
    res.expect(res.body.status === 'paid', `"status" to be "paid"; got ${JSON.stringify(res.body.status)}`);
    res.expect(res.body.total === TOTAL, `"total" to be ${TOTAL}; got ${JSON.stringify(res.body.total)}`);
    await expectStoredStatus(res.body.id, 'paid');
  });

  test('the payment service receives one POST /payments with the JSON { orderId, amount }', async () => {
    const res = await placeOrder();
    res.expectStatus(201);
    res.expect(calls.length === 1, `one call to the payment service; it received ${calls.length}`);
    const [call] = calls;
    res.expect(
      call.method === 'POST' && call.path === '/payments',
      `the call to be POST /payments; it was ${call.method} ${call.path}`,
    );
    res.expect(/application\/json/.test(call.contentType), `the call to send Content-Type: application/json; it sent "${call.contentType}"`);
    let sent;
    try {
      sent = JSON.parse(call.body);
    } catch {
      sent = undefined;
    }
    const expected = { orderId: res.body.id, amount: TOTAL };
    res.expect(
      sent?.orderId === expected.orderId && sent?.amount === expected.amount,
      `the call's body to be ${JSON.stringify(expected)}; it was ${call.body === '' ? 'empty' : call.body}`,
    );
  });

  test('a 200 from the payment service counts as paid too', async () => {
    answer = (res) => reply(res, 200, { status: 'captured' });
    const res = await placeOrder();
    res.expectStatus(201);
    res.expect(res.body?.status === 'paid', `"status" to be "paid"; got ${JSON.stringify(res.body?.status)}`);
  });

  test('an invalid order answers 400 and is never sent to the payment service', async () => {
    const res = await request('POST', '/orders', { body: { items: [{ menuItemId: 1, quantity: 0 }] } });
    res.expectError(400);
    res.expect(calls.length === 0, `no call to the payment service for an invalid order; it received ${calls.length}`);
  });

  test('an order of one of every dish is stored with its eight items and charged their prices added up, 64.5', async () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8].map((menuItemId) => ({ menuItemId, quantity: 1 }));
    const res = await placeOrder({ body: { items } });
    res.expectStatus(201);
    const sent = JSON.stringify(items);
    const stored = Array.isArray(res.body?.items)
      ? JSON.stringify(res.body.items.map((item) => ({ menuItemId: item?.menuItemId, quantity: item?.quantity })))
      : undefined;
    res.expect(stored === sent, `"items" to list the items that were ordered, ${sent}; got ${JSON.stringify(res.body?.items)}`);
    res.expect(res.body.total === 64.5, `"total" to be 64.5, the eight menu prices added up; got ${JSON.stringify(res.body.total)}`);
    const amount = calls.length === 1 ? sentJson(calls[0])?.amount : undefined;
    res.expect(amount === 64.5, `the payment service to be asked for an "amount" of 64.5; it was asked for ${JSON.stringify(amount)}`);
  });

  test('while the payment service is deciding, GET /orders/:id already shows the order with the status "received"', async () => {
    let orderId;
    let during;
    answer = async (res) => {
      try {
        orderId = sentJson(calls.at(-1))?.orderId;
        if (orderId !== undefined) during = await request('GET', `/orders/${orderId}`);
      } catch {
        // No answer to the lookup: checked below, once the order has been answered.
      } finally {
        reply(res, 201, { status: 'captured' });
      }
    };
    const res = await placeOrder();
    res.expect(calls.length === 1, `one call to the payment service; it received ${calls.length}`);
    res.expect(orderId !== undefined, 'the call to the payment service to hold the order\'s "orderId"');
    res.expect(during !== undefined, `GET /orders/${orderId}, sent while the payment service was deciding, to be answered`);
    during.expect(
      during.status === 200,
      `status 200 with the order: store it before you call the payment service, so that GET /orders/${orderId}, ` +
        `sent while the service was still deciding, finds it; got ${during.status}`,
    );
    during.expect(
      during.body?.status === 'received',
      `the order to have the status "received" while the payment service is still deciding; got ${JSON.stringify(during.body?.status)}`,
    );
  });

  test('orders without items, with none, with a null item or with a dish not on the menu answer 400 and are never sent to the payment service', async () => {
    const invalid = [{}, { items: [] }, { items: [null] }, { items: [{ menuItemId: 99, quantity: 1 }] }];
    for (const body of invalid) {
      const res = await request('POST', '/orders', { body });
      res.expectError(400);
      res.expect(calls.length === 0, `no call to the payment service for an invalid order; it received ${calls.length}`);
    }
  });

  test('POST /orders without a JSON body answers 400 and is never sent to the payment service', async () => {
    const res = await request('POST', '/orders');
    res.expectError(400);
    res.expect(calls.length === 0, `no call to the payment service for an order without a body; it received ${calls.length}`);
  });

  test('a body that is not valid JSON answers 400 with a JSON error and is never sent to the payment service', async () => {
    const res = await request('POST', '/orders', {
      headers: { 'content-type': 'application/json' },
      body: '{"items": [{"menuItemId": 1, "quantity": 2}',
    });
    res.expectError(400);
    res.expect(calls.length === 0, `no call to the payment service for a body that is not JSON; it received ${calls.length}`);
  });

  test('a valid JSON body in a character set express.json() cannot read (latin1) is not answered as broken JSON', async () => {
    const res = await placeOrder({ headers: { 'content-type': 'application/json; charset=latin1' } });
    res.expect(
      res.status !== 400,
      'an answer other than 400: this body is valid JSON, which express.json() refuses only because of its character set, ' +
        'latin1, with 415. The starter\'s error handler answers 400 only when err.type is "entity.parse.failed", and passes ' +
        `other errors on with next(err); got 400${res.body?.error ? ` with "${res.body.error}"` : ''}`,
    );
  });

  test('GET /orders/999999 answers 404 with a JSON error when there is no such order', async () => {
    const res = await request('GET', '/orders/999999');
    res.expectError(404);
  });
});

describe('2. Handle a declined payment', () => {
  test('when the payment service answers 402, POST /orders answers 402 and the order is "payment_declined"', async () => {
    answer = (res) => reply(res, 402, { error: 'Insufficient funds' });
    const order = expectPaymentError(await placeOrder(), 402, 'payment_declined');
    await expectStoredStatus(order.id, 'payment_declined');
  });
});

describe('3. Handle a payment service that fails', () => {
  test('when the payment service answers 500, POST /orders answers 502 and the order is "payment_failed"', async () => {
    answer = (res) => reply(res, 500, { error: 'Database unavailable' });
    const order = expectPaymentError(await placeOrder(), 502, 'payment_failed');
    await expectStoredStatus(order.id, 'payment_failed');
  });

  test('when the payment service is down, POST /orders answers 502 and the order is "payment_failed"', async () => {
    process.env.PAYMENT_URL = downUrl;
    const res = await placeOrder();
    res.expect(
      calls.length === 0,
      'the app to call the payment service at the address PAYMENT_URL holds now, where nothing listens; it called ' +
        'the address from an earlier test instead. Read process.env.PAYMENT_URL each time an order comes in, ' +
        'not once when app.js loads',
    );
    const order = expectPaymentError(res, 502, 'payment_failed');
    await expectStoredStatus(order.id, 'payment_failed');
  });
});

/** "502 with the order "payment_failed"": a reply's status and the order status it shows, in words. */
function outcome(res) {
  const status = res.body?.order?.status ?? res.body?.status;
  return `${res.status}${typeof status === 'string' ? ` with the order "${status}"` : ''}`;
}

/**
 * Places an order while the payment service answers at once with 201, as in task 1. Task 4 needs
 * that much to work; how the answer looks in detail is task 1's business.
 */
async function answerWhenPaid() {
  const res = await placeOrder();
  res.needsTask(
    1,
    res.status >= 200 && res.status < 300 && calls.length === 1,
    'when the payment service answers 201 at once, POST /orders should call it once and answer 201 with the order "paid"',
  );
  return res;
}

/**
 * Places an order while the payment service hangs up without answering, a failure as in task 3, and
 * returns the app's answer: task 4 asks the app to end a payment that takes too long the same way.
 */
async function answerWhenPaymentFails() {
  answer = (res) => res.socket.destroy();
  const res = await placeOrder();
  res.needsTask(
    3,
    res.status >= 400,
    'when the payment service fails, POST /orders should answer 502 with the order "payment_failed", not as if it were paid',
  );
  answer = (res) => reply(res, 201, { status: 'captured' });
  return res;
}

/** Seconds in words: tenths below 1.5 s, where they matter, and "about N s" above, where they would only jitter. */
function inWords(seconds) {
  return seconds < 1.5 ? `${seconds.toFixed(1)} s` : `about ${Math.round(seconds)} s`;
}

/** Sends an order and returns the reply and how many seconds the app took to answer it. */
async function timedOrder(options) {
  const started = Date.now();
  const res = await placeOrder(options);
  return { res, seconds: (Date.now() - started) / 1000 };
}

/** Checks the app answered as it does when the payment fails, and stored the order that way. */
async function expectFailedLike(res, failed, seconds) {
  res.expect(
    res.status === failed.status && outcome(res) === outcome(failed),
    `the answer your app gives when the payment service fails, ${outcome(failed)}: after 2 s without an answer the ` +
      `payment has failed; after ${inWords(seconds)} your app answered ${outcome(res)}`,
  );
  const id = res.body?.order?.id;
  const status = failed.body?.order?.status;
  if (id !== undefined && typeof status === 'string') await expectStoredStatus(id, status);
}

describe('4. Give up after 2 seconds', () => {
  test('a payment service that answers after half a second is still waited for', async () => {
    const paid = await answerWhenPaid();
    answer = (res) => setTimeout(() => reply(res, 201, { status: 'captured' }), 500);
    const { res, seconds } = await timedOrder();
    res.expect(
      res.status === paid.status && outcome(res) === outcome(paid),
      `the answer your app gives when the payment service answers at once, ${outcome(paid)}: a service that ` +
        `answers within 2 s must be waited for; after ${inWords(seconds)} your app answered ${outcome(res)}`,
    );
  });

  test('a payment service that answers only after 3 s is given up on after about 2 s, as a failed payment', async () => {
    const failed = await answerWhenPaymentFails();
    answer = (res) => setTimeout(() => reply(res, 201, { status: 'captured' }), 3000);
    const { res, seconds } = await timedOrder({ timeoutMs: 4500 });
    res.expect(
      seconds <= 2.6,
      `the app to stop waiting for the payment service after about 2 s; it waited ${inWords(seconds)}` +
        `${seconds >= 2.9 ? ', until the service answered' : ''}`,
    );
    await expectFailedLike(res, failed, seconds);
  }, 10000);

  test('when the payment service never answers, POST /orders answers after about 2 s as for a failed payment', async () => {
    const failed = await answerWhenPaymentFails();
    answer = () => {}; // keep the caller waiting
    // request() gives up after 2 s by default, which is exactly when the app may answer: allow more.
    const { res, seconds } = await timedOrder({ timeoutMs: 4500 });
    res.expect(seconds >= 1.5, `the app to wait about 2 s for the payment service; it gave up after ${inWords(seconds)}`);
    res.expect(seconds <= 2.6, `the app to stop waiting for the payment service after about 2 s; it waited ${inWords(seconds)}`);
    await expectFailedLike(res, failed, seconds);
  }, 10000);
});
