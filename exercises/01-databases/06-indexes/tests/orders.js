// What the tests of this exercise share: the orders app.js fills its table with, read from the
// database file, and the check that an answer lists exactly those.
import { queryDatabase } from '../grading/db.js';
import { learnerApp } from '../grading/http.js';
import { currentTaskId, fail } from '../grading/runtime.js';

export const CUSTOMER = 'customer007@example.com';
export const DAY = '2024-02-14';
/** How many orders app.js puts in the table when it is empty. */
export const ALL_ORDERS = 10000;

/** How many orders the table holds now. */
export async function orderCount() {
  const [{ total }] = await queryDatabase('SELECT count(*) AS total FROM orders');
  return total;
}

/**
 * The orders the app should answer, read from its database file with the grader's own query. Fails
 * first unless the table holds the ten thousand orders app.js fills it with: the answers are compared
 * with those.
 */
export async function ordersWhere(where, params, order) {
  await learnerApp();
  const total = await orderCount();
  if (total !== ALL_ORDERS) {
    fail(
      `Task ${currentTaskId()} · the orders table holds ${total} orders, not the ${ALL_ORDERS} that app.js puts in it ` +
        "when it is empty. Keep the starter's CREATE TABLE and the code that fills the table as they were: the check " +
        'compares your answers with those orders.',
    );
  }
  return queryDatabase(`SELECT id, customer_email, total, created_at FROM orders WHERE ${where} ORDER BY ${order}`, params);
}

/** Fails unless the reply is 200 with exactly these orders, in this order. */
export function expectOrders(res, expected, order) {
  res.expectStatus(200);
  res.requireJson([]);
  res.expect(Array.isArray(res.body), `a JSON array of orders; got ${JSON.stringify(res.body).slice(0, 200)}`);
  res.expect(
    res.body.length === expected.length,
    `${expected.length} orders (all of them, as the database holds them); got ${res.body.length}`,
  );
  for (const [index, want] of expected.entries()) {
    const got = res.body[index];
    const same = ['id', 'customer_email', 'total', 'created_at'].every((key) => got?.[key] === want[key]);
    res.expect(
      same,
      `the orders ${order}; order number ${index + 1} should be ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
    );
  }
}
