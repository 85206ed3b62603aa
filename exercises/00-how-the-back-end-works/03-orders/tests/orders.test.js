import { describe, test } from 'vitest';
import { request } from '../grading/http.js';

// Every test places its own orders, so the tests pass in any order and never depend on each other.
const SOUP = 1; // 6.5 euros
const PIZZA = 3; // 11 euros
const LEMONADE = 8; // 3.5 euros

/** Places a valid order and returns the reply. */
function placeOrder(items) {
  return request('POST', '/orders', { body: { items } });
}

/** Checks that a reply holds the order for these items, with this total, and returns it. */
function expectOrder(res, items, total) {
  const order = res.body;
  res.expect(order !== null && typeof order === 'object' && !Array.isArray(order), 'the body to be the order as a JSON object');
  res.expect(
    (typeof order.id === 'number' || typeof order.id === 'string') && String(order.id) !== '',
    `the order to have an "id" (a number or a string); got ${JSON.stringify(order.id)}`,
  );
  res.expect(order.status === 'received', `"status" to be "received"; got ${JSON.stringify(order.status)}`);
  res.expect(
    typeof order.total === 'number' && Math.abs(order.total - total) < 0.005,
    `"total" to be ${total} (the menu prices times the quantities); got ${JSON.stringify(order.total)}`,
  );
  const sent = JSON.stringify(items);
  const stored = Array.isArray(order.items)
    ? JSON.stringify(order.items.map((item) => ({ menuItemId: item?.menuItemId, quantity: item?.quantity })))
    : undefined;
  res.expect(stored === sent, `"items" to list the items that were ordered, ${sent}; got ${JSON.stringify(order.items)}`);
  return order;
}

describe('1. Take an order', () => {
  test('POST /orders answers 201 with the stored order and its total', async () => {
    const items = [
      { menuItemId: SOUP, quantity: 2 },
      { menuItemId: PIZZA, quantity: 1 },
    ];
    const res = await placeOrder(items);
    res.expectStatus(201);
    res.expectHeader('content-type', /application\/json/);
    expectOrder(res, items, 24);
  });

  test('POST /orders computes the total from the menu, even when the request sends a "total" of its own', async () => {
    const items = [{ menuItemId: PIZZA, quantity: 2 }];
    const res = await request('POST', '/orders', { body: { items, total: 1 } });
    res.expectStatus(201);
    res.expect(
      typeof res.body?.total === 'number' && Math.abs(res.body.total - 22) < 0.005,
      `"total" to be 22 (2 × 11 from the menu): the total is never taken from the request, which said 1; got ${JSON.stringify(res.body?.total)}`,
    );
  });

  test('an order of one of every dish on the menu costs all eight prices added up, 64.5', async () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8].map((menuItemId) => ({ menuItemId, quantity: 1 }));
    const res = await placeOrder(items);
    res.expectStatus(201);
    expectOrder(res, items, 64.5);
  });

  test('POST /orders answers a Location header that points at the new order', async () => {
    const res = await placeOrder([{ menuItemId: LEMONADE, quantity: 3 }]);
    res.expectStatus(201);
    res.expect(res.body && res.body.id !== undefined, 'the body to be the order, with an "id"');
    res.expectHeader('location', `/orders/${res.body.id}`);
  });

  test('two orders get two different ids', async () => {
    const first = await placeOrder([{ menuItemId: PIZZA, quantity: 1 }]);
    const second = await placeOrder([{ menuItemId: PIZZA, quantity: 1 }]);
    first.expectStatus(201);
    second.expectStatus(201);
    second.expect(
      first.body?.id !== undefined && first.body?.id !== second.body?.id,
      `a new id for every order; both orders got ${JSON.stringify(second.body?.id)}`,
    );
  });
});

/**
 * Places a valid order for a test of a later task, which needs task 1 only to store it and say its id:
 * the details of task 1's answer (the exact status, the total, "received") are task 1's tests' job.
 */
async function placeOrderForLaterTask(items) {
  const placed = await placeOrder(items);
  placed.needsTask(
    1,
    placed.status >= 200 && placed.status < 300 && placed.body?.id !== undefined,
    'POST /orders should store a valid order and answer 201 with it, "id" included',
  );
  return placed;
}

describe('2. Look an order up by its id', () => {
  test('GET /orders/:id answers 200 with the order that POST /orders stored', async () => {
    const placed = await placeOrderForLaterTask([{ menuItemId: SOUP, quantity: 3 }]);
    const res = await request('GET', `/orders/${placed.body.id}`);
    res.expectStatus(200);
    res.expectHeader('content-type', /application\/json/);
    res.expectJson(placed.body);
  });

  test('GET /orders/999999 answers 404 with a JSON error when there is no such order', async () => {
    const res = await request('GET', '/orders/999999');
    res.expectError(404);
  });
});

/**
 * Sends an invalid order and checks the 400 JSON error names what was wrong: one of `words` (any
 * case), the first of which the message quotes.
 */
async function expectRejected(body, words) {
  const res = await request('POST', '/orders', { body });
  res.expectError(400);
  const error = res.body.error.toLowerCase();
  res.expect(
    words.some((word) => error.includes(word.toLowerCase())),
    `the error to say what was wrong by naming ${words[0] === 'quantity' || words[0] === 'items' ? 'the field ' : ''}"${words[0]}"; got "${res.body.error}"`,
  );
  return res;
}

describe('3. Check the order before you store it', () => {
  test('an order without "items" is rejected with 400 and an error about items', async () => {
    await expectRejected({ dishes: [{ menuItemId: SOUP, quantity: 1 }] }, ['items']);
  });

  test('an order whose "items" is empty is rejected with 400 and an error about items', async () => {
    await expectRejected({ items: [] }, ['items']);
  });

  test('an order whose "items" is not an array is rejected with 400 and an error about items', async () => {
    await expectRejected({ items: 'two soups' }, ['items']);
  });

  test('a request without a JSON body is rejected with 400 and an error about items', async () => {
    const res = await request('POST', '/orders');
    res.expectError(400);
    res.expect(
      res.body.error.toLowerCase().includes('items'),
      `the error to say what was wrong by naming the field "items", which a request without a body lacks; got "${res.body.error}"`,
    );
  });

  test('an order whose item is null, not an object, is rejected with 400 and an error about the item', async () => {
    const res = await request('POST', '/orders', { body: { items: [null] } });
    res.expectError(400);
    res.expect(
      /item|quantity/i.test(res.body.error),
      `the error to say what was wrong by naming the item, or the "quantity" it lacks; got "${res.body.error}"`,
    );
  });

  test('a quantity of 0, -1, 1.5, "2" or none at all is rejected with 400 and an error about quantity', async () => {
    for (const quantity of [0, -1, 1.5, '2', undefined]) {
      await expectRejected({ items: [{ menuItemId: SOUP, quantity }] }, ['quantity']);
    }
  });

  test('an unknown menuItemId is rejected with 400 and an error that names it', async () => {
    await expectRejected({ items: [{ menuItemId: 99, quantity: 1 }] }, ['menuItemId', 'menu item', '99']);
  });

  test('an order whose second item is bad is rejected with 400 too', async () => {
    await expectRejected({ items: [{ menuItemId: SOUP, quantity: 1 }, { menuItemId: PIZZA, quantity: 0 }] }, ['quantity']);
  });

  test('a rejected order is not stored: GET /orders/:id does not find it', async () => {
    const before = await placeOrderForLaterTask([{ menuItemId: SOUP, quantity: 1 }]);
    const rejected = await expectRejected({ items: [{ menuItemId: PIZZA, quantity: 0 }] }, ['quantity']);
    const after = await placeOrderForLaterTask([{ menuItemId: SOUP, quantity: 1 }]);
    // Looking orders up is task 2: when it does not work yet, a stored rejected order cannot be seen.
    const lookup = await request('GET', `/orders/${before.body.id}`);
    if (lookup.status !== 200) return;
    // Ids are counted up by most apps, so a rejected order that was stored anyway sits between the two
    // valid ones. (Other ids, such as random ones, cannot be guessed; the check then has nothing to ask.)
    const [first, last] = [Number(before.body.id), Number(after.body.id)];
    if (!Number.isInteger(first) || !Number.isInteger(last) || last - first > 20) return;
    for (let id = first + 1; id < last; id++) {
      const res = await request('GET', `/orders/${id}`);
      res.expect(
        res.status === 404,
        `404: the only order sent between orders ${first} and ${last} was rejected with 400 ` +
          `(${JSON.stringify(rejected.body.error)}), yet your app answers ${res.status} with an order stored under id ${id}. ` +
          'Check the order first, and store it only when it passes',
      );
    }
  });
});

describe('4. Answer broken JSON with a JSON error', () => {
  test('POST /orders with a body that is not valid JSON answers 400 with a JSON error about JSON', async () => {
    const res = await request('POST', '/orders', {
      headers: { 'content-type': 'application/json' },
      body: '{"items": [{"menuItemId": 1, "quantity": 2}',
    });
    res.expectError(400);
    res.expect(/json/i.test(res.body.error), `the error to say the body is not valid JSON; got "${res.body.error}"`);
  });

  test('a valid JSON body in a character set express.json() cannot read (latin1) is not answered as broken JSON', async () => {
    const res = await request('POST', '/orders', {
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: JSON.stringify({ items: [{ menuItemId: SOUP, quantity: 1 }] }),
    });
    res.expect(
      res.status !== 400,
      'an answer other than 400: this body is valid JSON, which express.json() refuses only because of its character set, ' +
        'latin1, with 415. Answer 400 only when err.type is "entity.parse.failed", and pass other errors on with next(err); ' +
        `got 400${res.body?.error ? ` with "${res.body.error}"` : ''}`,
    );
  });

  test('a valid order is answered after a broken one as it was before it', async () => {
    const items = [{ menuItemId: PIZZA, quantity: 2 }];
    const before = await placeOrderForLaterTask(items);
    await request('POST', '/orders', { headers: { 'content-type': 'application/json' }, body: '{oops' });
    const res = await placeOrder(items);
    res.expect(
      res.status === before.status,
      `status ${before.status}, as your app answered the same order before the broken one; got ${res.status}`,
    );
    const fields = (order) => JSON.stringify({ items: order?.items, total: order?.total, status: order?.status });
    res.expect(
      fields(res.body) === fields(before.body),
      `the same items, total and status as before the broken order, ${fields(before.body)}; got ${fields(res.body)}`,
    );
  });
});
