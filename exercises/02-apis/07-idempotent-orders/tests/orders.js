// What the order tests share: a new Idempotency-Key and a new dish name for every order a test
// places (so tests never see each other's orders), and the count of an order's rows in the file.
import { countRows } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';

let dishes = 0;
let keys = 0;

/** A good order for a dish no other test orders: { dish: "Mushroom risotto 3", quantity: 2 }. */
export function newOrder(quantity = 2) {
  dishes += 1;
  return { dish: `Mushroom risotto ${dishes}`, quantity };
}

/**
 * A key no other request has used, shaped like the UUIDs clients send. Counted rather than random, so
 * that a check gives the same results every time.
 */
export function newKey() {
  keys += 1;
  return `8e03978e-40d5-43e8-bc93-${String(keys).padStart(12, '0')}`;
}

/** Sends POST /orders with this key (none when it is undefined) and body; `app` for a restarted app. */
export function placeOrder(key, body, { app } = {}) {
  const headers = key === undefined ? {} : { 'Idempotency-Key': key };
  return request('POST', '/orders', body === undefined ? { headers, app } : { headers, body, app });
}

/** How many rows of the orders table hold this dish. */
export async function ordersOf(dish) {
  await learnerApp();
  return countRows('orders', { dish });
}

/** "1 order" / "3 orders". */
export function orders(count) {
  return count === 1 ? '1 order' : `${count} orders`;
}

/** The first answer to a key, as the checks compare a repeat with it. */
export function describeAnswer(res) {
  const location = res.headers.location === undefined ? 'no Location header' : `Location ${res.headers.location}`;
  return `${res.status}, ${location} and ${JSON.stringify(res.body) ?? 'no JSON body'}`;
}

/** Fails with "this needs task 1 first" unless the reply is a 2xx with the new order's id. */
export function needsPlacedOrder(res) {
  res.needsTask(
    1,
    res.status >= 200 && res.status < 300 && Number.isInteger(res.body?.id),
    'POST /orders with an Idempotency-Key and a good order should answer 201 with the new order and its "id"',
  );
}
