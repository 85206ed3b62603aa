// What the problem-details tests share: the check of a problem's shape, orders the check writes into
// the table itself, and "this needs task 1 first" for tests that need the routes under /api/v1.
import { countRows, writeDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';

export const PROBLEMS = 'https://kitchen.example/problems';

/** Starts the app and writes an order into its table; returns it as the API shows it. */
export async function addOrder({ dish = 'Fish soup', quantity = 1, status = 'received' } = {}) {
  await learnerApp();
  const { lastID } = await writeDatabase('INSERT INTO orders (dish, quantity, status) VALUES (?, ?, ?)', [dish, quantity, status]);
  return { id: lastID, dish, quantity, status };
}

export async function orderCount() {
  await learnerApp();
  return countRows('orders');
}

/** Fails with "this needs task 1 first" unless GET /api/v1/orders answers 200. */
export async function needsVersionOne() {
  const res = await request('GET', '/api/v1/orders');
  res.needsTask(1, res.status === 200, `GET /api/v1/orders should answer 200 with the orders (it answered ${res.status})`);
}

/**
 * The reply is a problem: the status, the content type application/problem+json, and a JSON body whose
 * status member matches, whose type and title are the given ones (when given) or text, and whose
 * detail is text that is not empty. Returns the body.
 */
export function expectProblem(res, { status, type, title }) {
  res.expectStatus(status);
  res.expectHeader('content-type', /^application\/problem\+json/, 'the content type application/problem+json (a problem details object)');
  const body = res.body;
  res.expect(body !== null && typeof body === 'object' && !Array.isArray(body), `a JSON object with type, title, status and detail; got ${res.text.slice(0, 200) || 'an empty body'}`);
  res.expect(body.status === status, `the "status" member to be the number ${status}, the status of the answer; got ${JSON.stringify(body.status) ?? 'none'}`);
  if (type !== undefined) res.expect(body.type === type, `"type": "${type}"; got ${JSON.stringify(body.type) ?? 'no type'}`);
  if (title !== undefined) res.expect(body.title === title, `"title": "${title}"; got ${JSON.stringify(body.title) ?? 'no title'}`);
  else res.expect(typeof body.title === 'string' && body.title.trim() !== '', `a "title" that is text and not empty; got ${JSON.stringify(body.title) ?? 'no title'}`);
  res.expect(typeof body.detail === 'string' && body.detail.trim() !== '', `a "detail" that is text and not empty, saying what went wrong this time; got ${JSON.stringify(body.detail) ?? 'no detail'}`);
  return body;
}
