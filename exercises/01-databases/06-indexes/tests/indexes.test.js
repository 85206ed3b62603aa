import { describe, test } from 'vitest';
import { countQueries, planAccess, queryPlan } from '../grading/db.js';
import { request } from '../grading/http.js';
import { currentTaskId, fail } from '../grading/runtime.js';
import { CUSTOMER, DAY, expectOrders, ordersWhere } from './orders.js';

/**
 * Sends the request, and returns each statement the app ran on the orders table meanwhile with SQLite's
 * plan for it (read on the app's own database file).
 */
async function plansFor(path) {
  const { statements } = await countQueries(async () => (await request('GET', path)).expectStatus(200));
  const reads = statements.filter((sql) => /^\s*(SELECT|WITH)\b/i.test(sql) && /\b(FROM|JOIN)\s+"?orders\b/i.test(sql));
  if (reads.length === 0) {
    fail(
      `Task ${currentTaskId()} · GET ${path} ran no SQL query on the orders table` +
        (statements.length > 0 ? ` (it ran: ${statements.join('; ')})` : '') +
        '. Read the orders with a SELECT when the request comes, so the database can use an index to find them.',
    );
  }
  return Promise.all(reads.map(async (sql) => ({ sql, plan: await queryPlan(sql) })));
}

/** The plan, one step a line, for a message. */
function showPlan(plan) {
  return plan.map((step) => `  ${step}`).join('\n');
}

/** The names a query gives the orders table ("FROM orders o", "JOIN orders AS o"): plans use them. */
function aliasesOfOrders(sql) {
  const names = [...sql.matchAll(/\b(?:FROM|JOIN)\s+"?orders"?\s+(?:AS\s+)?([A-Za-z_]\w*)/gi)].map((match) => match[1]);
  return names.filter((name) => !/^(WHERE|JOIN|INNER|LEFT|CROSS|NATURAL|ON|USING|ORDER|GROUP|HAVING|LIMIT|UNION|WINDOW|INDEXED|NOT)$/i.test(name));
}

/** Fails unless every query the app ran for `path` finds its orders through an index. */
async function expectSearched(path, advice) {
  for (const { sql, plan } of await plansFor(path)) {
    const { access, line } = planAccess(plan, 'orders', aliasesOfOrders(sql));
    if (access === 'absent') {
      fail(
        `Task ${currentTaskId()} · GET ${path} runs "${sql}", and SQLite's plan for it does not say how it reads ` +
          `the orders table.\n\nSQLite's plan for that query, read on your database file:\n${showPlan(plan)}`,
      );
    }
    if (access !== 'search') {
      fail(
        `Task ${currentTaskId()} · GET ${path} runs "${sql}", and SQLite ` +
          (access === 'automatic'
            ? `builds a temporary index for that one query ("${line}"), because no index of yours fits. `
            : `reads every row of the orders table to answer it ("${line}"). `) +
          `${advice}\n\nSQLite's plan for that query, read on your database file:\n${showPlan(plan)}`,
      );
    }
  }
}

describe('1. Give the customer search an index', () => {
  test('GET /customers/:email/orders answers all of that customer\'s orders, newest first', async () => {
    const expected = await ordersWhere('customer_email = ?', [CUSTOMER], 'created_at DESC');
    const res = await request('GET', `/customers/${CUSTOMER}/orders`);
    expectOrders(res, expected, 'newest first');
  });

  test('GET /customers/:email/orders answers an empty list for an email without orders', async () => {
    const res = await request('GET', '/customers/nobody@example.com/orders');
    expectOrders(res, [], 'newest first');
  });

  test('the query behind GET /customers/:email/orders searches an index instead of reading every order', async () => {
    await expectSearched(
      `/customers/${CUSTOMER}/orders`,
      'Create an index on the column the query filters by, when the app starts; SQLite then finds the ' +
        'customer\'s orders in it (its plan says SEARCH orders USING INDEX …).',
    );
  });
});

describe("2. Find a day's orders with an index", () => {
  test("GET /days/:day/orders answers all of that day's orders, oldest first", async () => {
    const expected = await ordersWhere('created_at >= ? AND created_at < ?', [DAY, '2024-02-15'], 'created_at');
    const res = await request('GET', `/days/${DAY}/orders`);
    expectOrders(res, expected, 'oldest first');
  });

  test('GET /days/:day/orders answers an empty list for a day without orders', async () => {
    const res = await request('GET', '/days/2023-12-25/orders');
    expectOrders(res, [], 'oldest first');
  });

  test('the query behind GET /days/:day/orders searches an index instead of reading every order', async () => {
    await expectSearched(
      `/days/${DAY}/orders`,
      'It needs an index on created_at, and a query that compares created_at itself: an index cannot help with ' +
        'a value computed from the column, such as date(created_at). All of a day\'s timestamps lie between that ' +
        'day and the next one.',
    );
  });
});

describe("3. Let the index sort a customer's orders", () => {
  test('the plan for GET /customers/:email/orders has no separate sorting step', async () => {
    for (const { sql, plan } of await plansFor(`/customers/${CUSTOMER}/orders`)) {
      const sorting = plan.find((step) => /TEMP B-TREE/i.test(step));
      if (sorting) {
        fail(
          `Task ${currentTaskId()} · GET /customers/${CUSTOMER}/orders runs "${sql}", and SQLite sorts the ` +
            `orders it found in a separate step ("${sorting}"). An index on two columns, the one the query ` +
            'filters by and then the one it sorts by, holds each customer\'s orders already in order.' +
            `\n\nSQLite's plan for that query, read on your database file:\n${showPlan(plan)}`,
        );
      }
    }
  });
});
