import { describe, test } from 'vitest';
import { request, restartedApp } from '../grading/http.js';
import { fail } from '../grading/runtime.js';
import { ALL_ORDERS, CUSTOMER, expectOrders, orderCount, ordersWhere } from './orders.js';

// A file of its own, so its database (and a restart that would fill the table twice) is its own too.
describe('1. Give the customer search an index', () => {
  test('the app starts a second time on the same database file and answers the same orders', async () => {
    const expected = await ordersWhere('customer_email = ?', [CUSTOMER], 'created_at DESC');
    let app;
    try {
      app = await restartedApp();
    } catch (error) {
      const why = String(error?.message ?? error)
        .replace(/^app\.js crashed while loading, before any test could run: /, '')
        .replace(/\. Fix that error first[\s\S]*$/, '');
      fail(
        `Task 1 · app.js was stopped and started again on the same database file, and this second start failed: ${why}. ` +
          'Create each index with CREATE INDEX IF NOT EXISTS, so that a start that finds the index already there goes on.',
      );
    }
    const total = await orderCount();
    if (total !== ALL_ORDERS) {
      fail(
        `Task 1 · after a second start on the same database file, the orders table holds ${total} orders instead of ` +
          `${ALL_ORDERS}. app.js fills the table only when it is empty: keep the starter's count check as it was.`,
      );
    }
    const res = await request('GET', `/customers/${CUSTOMER}/orders`, { app });
    expectOrders(res, expected, 'newest first');
  });
});
