import { isDeepStrictEqual } from 'node:util';
import { describe, test } from 'vitest';
import { expectRow, writeDatabase } from '../grading/db.js';
import { learnerApp, request, restartedApp } from '../grading/http.js';
import { describeAnswer, needsPlacedOrder, newKey, newOrder, orders, ordersOf, placeOrder } from './orders.js';

/** Sends an order that should be refused with 400 and checks nothing was stored for its dish. */
async function expectRefusedOrder(body, what) {
  const dish = typeof body?.dish === 'string' && body.dish !== '' ? body.dish : undefined;
  const before = dish === undefined ? 0 : await ordersOf(dish);
  const res = await placeOrder(newKey(), body);
  res.expectError(400);
  res.expectNoHeader('location');
  if (dish !== undefined) {
    const after = await ordersOf(dish);
    res.expect(after === before, `a refused order${what} to be stored nowhere; the orders table has ${orders(after - before)} more of "${dish}"`);
  }
}

/** The repeat got the first answer again: the same status, Location and JSON body. */
function expectSameAnswer(repeat, first, what) {
  repeat.expect(
    repeat.status === first.status && repeat.headers.location === first.headers.location && isDeepStrictEqual(repeat.body, first.body),
    `${what} to get the first answer again (${describeAnswer(first)}); got ${describeAnswer(repeat)}`,
  );
}

describe('1. Take an order only with its key', () => {
  test('POST /orders with an Idempotency-Key and a good order answers 201 with the order and Location /orders/<id>', async () => {
    const order = newOrder(3);
    const res = await placeOrder(newKey(), order);
    res.expectStatus(201);
    res.expect(Number.isInteger(res.body?.id), `the new order's "id", a whole number; got ${JSON.stringify(res.body?.id)}`);
    res.expectJson({ id: res.body.id, ...order });
    res.expectHeader('location', `/orders/${res.body.id}`);
    await expectRow('orders', { id: res.body.id }, order);
  });

  test('the Location of a new order leads to it: GET answers 200 with the same order', async () => {
    const res = await placeOrder(newKey(), newOrder());
    res.expectStatus(201);
    const location = res.headers.location;
    res.expect(location !== undefined, 'a Location header with the path of the new order, such as /orders/1; the response has none');
    const shown = await request('GET', location);
    shown.expectStatus(200);
    shown.expectJson(res.body);
    const missing = await request('GET', '/orders/999999');
    missing.expectError(404);
  });

  test('a POST /orders without an Idempotency-Key, or with an empty one, answers 400 with a JSON error and stores nothing', async () => {
    for (const key of [undefined, '']) {
      const order = newOrder();
      const res = await placeOrder(key, order);
      res.expectError(400);
      const stored = await ordersOf(order.dish);
      res.expect(stored === 0, `an order sent ${key === undefined ? 'without the header' : 'with an empty Idempotency-Key'} to be stored nowhere; the orders table has ${orders(stored)} of "${order.dish}"`);
    }
  });

  test('an order whose dish is left out, empty or not text answers 400 with a JSON error and no Location', async () => {
    for (const dish of [undefined, '', 42, null]) {
      await expectRefusedOrder({ dish, quantity: 1 }, ` with the dish ${JSON.stringify(dish) ?? 'left out'}`);
    }
  });

  test('an order whose quantity is left out, text, not whole, below 1 or above 20 answers 400, without a Location, and is not stored', async () => {
    for (const quantity of [undefined, '2', 2.5, 0, -1, 21]) {
      const { dish } = newOrder();
      await expectRefusedOrder({ dish, quantity }, ` with the quantity ${JSON.stringify(quantity) ?? 'left out'}`);
    }
  });

  test('a POST /orders with a key but no body at all answers 400 with a JSON error and no Location', async () => {
    const res = await placeOrder(newKey(), undefined);
    res.expectError(400);
    res.expectNoHeader('location');
  });

  test('quantities 1 and 20, the smallest and the largest, are taken', async () => {
    for (const quantity of [1, 20]) {
      const order = newOrder(quantity);
      const res = await placeOrder(newKey(), order);
      res.expectStatus(201);
      res.expectJsonContaining(order);
    }
  });
});

describe('2. Answer a retry with the first answer', () => {
  test('three retries with the same key and body each get the first status, Location and body, and make no second order', async () => {
    const key = newKey();
    const order = newOrder();
    const first = await placeOrder(key, order);
    needsPlacedOrder(first);
    for (let retry = 1; retry <= 3; retry++) {
      const repeat = await placeOrder(key, order);
      expectSameAnswer(repeat, first, `retry ${retry} with the same Idempotency-Key and body`);
    }
    const stored = await ordersOf(order.dish);
    first.expect(stored === 1, `one order however often it is retried; the orders table has ${orders(stored)} of "${order.dish}"`);
  });

  test('two keys with the same body make two orders, and a retry of each gets its own order back', async () => {
    const order = newOrder();
    const [keyA, keyB] = [newKey(), newKey()];
    const a = await placeOrder(keyA, order);
    needsPlacedOrder(a);
    const b = await placeOrder(keyB, order);
    needsPlacedOrder(b);
    b.expect(b.body.id !== a.body.id, `a new key to make a new order, with a new id; both answers have the id ${a.body.id}`);
    const stored = await ordersOf(order.dish);
    b.expect(stored === 2, `two keys to make two orders; the orders table has ${orders(stored)} of "${order.dish}"`);
    expectSameAnswer(await placeOrder(keyA, order), a, 'a retry with the first key');
    expectSameAnswer(await placeOrder(keyB, order), b, 'a retry with the second key');
  });

  test('a retry of a refused order gets the same 400 again, still without a Location', async () => {
    const key = newKey();
    const body = { ...newOrder(), quantity: 0 };
    const first = await placeOrder(key, body);
    first.needsTask(1, first.status === 400 && first.headers.location === undefined, 'an order with the quantity 0 should answer 400, without a Location header');
    expectSameAnswer(await placeOrder(key, body), first, 'a retry of the refused order with the same key and body');
  });

  test('a retry after the app restarts still gets the first answer: the keys are kept in the database', async () => {
    const key = newKey();
    const order = newOrder();
    const first = await placeOrder(key, order);
    needsPlacedOrder(first);
    const app = await restartedApp();
    const repeat = await placeOrder(key, order, { app });
    expectSameAnswer(repeat, first, 'a retry sent after the app was stopped and started again');
    const stored = await ordersOf(order.dish);
    repeat.expect(stored === 1, `one order after the restart too; the orders table has ${orders(stored)} of "${order.dish}"`);
  });
});

describe('3. Refuse a key reused for another order', () => {
  test('the same key with another dish or another quantity answers 422 with a JSON error and makes no order', async () => {
    const key = newKey();
    const order = newOrder(2);
    const first = await placeOrder(key, order);
    needsPlacedOrder(first);
    const other = newOrder(2);
    for (const [body, what] of [
      [other, `another dish ("${other.dish}")`],
      [{ ...order, quantity: 3 }, 'another quantity (3 instead of 2)'],
    ]) {
      const res = await placeOrder(key, body);
      res.expect(res.status === 422, `status 422 for the key of the first order sent with ${what}; got ${res.status}`);
      res.expectError(422);
    }
    const [stored, storedOther] = [await ordersOf(order.dish), await ordersOf(other.dish)];
    first.expect(
      stored === 1 && storedOther === 0,
      `the refused bodies to make no order; the orders table has ${orders(stored)} of "${order.dish}" and ${orders(storedOther)} of "${other.dish}"`,
    );
  });

  test('a refused reuse leaves the key to its first body: sending that body again is not refused', async () => {
    const key = newKey();
    const order = newOrder();
    const first = await placeOrder(key, order);
    needsPlacedOrder(first);
    const refused = await placeOrder(key, { ...order, quantity: order.quantity + 1 });
    refused.expectError(422);
    const again = await placeOrder(key, order);
    again.expect(
      again.status >= 200 && again.status < 300,
      `the first body sent again with its key to be taken (a 2xx), not refused: the key still belongs to it; got ${again.status}`,
    );
  });

  test('a key first sent with a bad order (answered 400) answers 422 when it comes back with a good one', async () => {
    const key = newKey();
    const order = newOrder();
    const bad = await placeOrder(key, { ...order, quantity: 0 });
    bad.expectError(400);
    const res = await placeOrder(key, order);
    res.expectError(422);
    const stored = await ordersOf(order.dish);
    res.expect(stored === 0, `no order for a refused reuse of a key; the orders table has ${orders(stored)} of "${order.dish}"`);
  });
});

/** Sends the same number of POST /orders all at once; returns the replies in the order they were sent. */
function sendTogether(requests) {
  return Promise.all(requests.map(([key, body]) => placeOrder(key, body)));
}

/** "201 once, 409 9 times": how often each status came back (which request wins changes from run to run). */
function statuses(replies) {
  const counts = new Map();
  for (const status of replies.map((res) => res.status).sort()) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status} ${n === 1 ? 'once' : `${n} times`}`).join(', ');
}

/** The 2xx reply with the lowest id (the first order made), or the first reply when none placed one. */
function firstPlaced(replies) {
  const placed = replies
    .filter((res) => res.status >= 200 && res.status < 300 && Number.isInteger(res.body?.id))
    .sort((a, b) => a.body.id - b.body.id);
  return placed[0] ?? replies[0];
}

describe('4. Make one order of retries sent at the same moment', () => {
  test('ten requests with one key and body sent at the same moment make one order, each answering with it or 409', async () => {
    const key = newKey();
    const order = newOrder();
    const replies = await sendTogether(Array.from({ length: 10 }, () => [key, order]));
    const placed = firstPlaced(replies);
    needsPlacedOrder(placed);
    const stored = await ordersOf(order.dish);
    placed.expect(
      stored === 1,
      `ten requests with one Idempotency-Key to make one order; they made ${orders(stored)} of "${order.dish}" ` +
        `(they answered ${statuses(replies)}). Looking the key up and then storing it are two steps, and the ` +
        'other requests run between them',
    );
    for (const res of replies) {
      const sameOrder = res.status >= 200 && res.status < 300 && isDeepStrictEqual(res.body, placed.body);
      if (!sameOrder) {
        res.expect(res.status === 409, `each answer to be the order ${JSON.stringify(placed.body)} or a 409 while it is being placed; they answered ${statuses(replies)}`);
        res.expectError(409);
      }
    }
    const later = await placeOrder(key, order);
    later.expect(
      later.status >= 200 && later.status < 300 && isDeepStrictEqual(later.body, placed.body),
      `a retry after they had all answered to get the order ${JSON.stringify(placed.body)}; got ${describeAnswer(later)}`,
    );
  });

  test('a key whose order failed with a 5xx is let go: a retry places the order', async () => {
    const key = newKey();
    const order = newOrder();
    await learnerApp();
    // While this trigger is in the table, storing an order of this dish fails, as a full disk would.
    const trigger = `CREATE TRIGGER refuse_this_dish BEFORE INSERT ON orders WHEN NEW.dish = '${order.dish}' BEGIN SELECT RAISE(ABORT, 'the oven is on fire'); END`;
    await writeDatabase(trigger);
    const failed = await placeOrder(key, order);
    await writeDatabase('DROP TRIGGER refuse_this_dish');
    failed.expect(failed.status >= 500, `an error status (5xx) when the database refuses to store the order; got ${failed.status}`);
    const retry = await placeOrder(key, order);
    retry.expect(
      retry.status >= 200 && retry.status < 300 && Number.isInteger(retry.body?.id),
      `a retry with the same key, once the database works again, to place the order (a 2xx with its "id"); got ${describeAnswer(retry)}. ` +
        'A key your app took for a request that then failed must not stay taken',
    );
    const stored = await ordersOf(order.dish);
    retry.expect(stored === 1, `the retry to place the order; the orders table has ${orders(stored)} of "${order.dish}"`);
  });

  test('ten requests with ten different keys sent at the same moment make ten orders', async () => {
    const order = newOrder();
    const replies = await sendTogether(Array.from({ length: 10 }, () => [newKey(), order]));
    const placed = firstPlaced(replies);
    needsPlacedOrder(placed);
    const ids = new Set(replies.map((res) => res.body?.id));
    placed.expect(
      replies.every((res) => res.status === 201) && ids.size === 10,
      `ten keys to make ten orders, each answered 201 with its own id; they answered ${statuses(replies)} with the ids ${[...ids].sort((a, b) => a - b).join(', ')}`,
    );
    const stored = await ordersOf(order.dish);
    placed.expect(stored === 10, `ten orders in the orders table; it has ${orders(stored)} of "${order.dish}"`);
  });
});
