import { STATUS_CODES } from 'node:http';
import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import { z } from 'zod';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The orders table, made on the first start. Don't change it: the checks read it and write orders
// of their own into it.
await db.exec(`
  CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    dish TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'cooking', 'served'))
  )
`);

const OrderInput = z.object({
  dish: z.string('dish must be the name of a dish, as text').trim().min(1, 'dish must not be empty').max(100, 'dish can be at most 100 characters'),
  quantity: z.int('quantity must be a whole number').min(1, 'quantity must be from 1 to 20').max(20, 'quantity must be from 1 to 20'),
});

function toErrors(zodError) {
  return zodError.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message }));
}

const PROBLEMS = 'https://kitchen.example/problems';

// An error a route throws on purpose. The error handler turns it into application/problem+json.
class Problem extends Error {
  constructor(status, { type = 'about:blank', title = STATUS_CODES[status], detail, ...extensions } = {}) {
    super(detail ?? title);
    this.status = status;
    this.body = { type, title, status, detail, ...extensions };
  }
}

function sendProblem(req, res, problem) {
  res.status(problem.status).type('application/problem+json').json({ ...problem.body, instance: req.originalUrl });
}

const v1 = express.Router();

v1.get('/orders', async (req, res) => {
  res.json(await db.all('SELECT id, dish, quantity, status FROM orders ORDER BY id'));
});

// A daily summary for the owner. It has a bug (there is no total_cents column), which the checks use
// to see what your app answers when a route crashes: don't fix it.
v1.get('/orders/summary', async (req, res) => {
  res.json(await db.get('SELECT count(*) AS orders, sum(total_cents) AS revenue FROM orders'));
});

v1.get('/orders/:id', async (req, res) => {
  const order = await db.get('SELECT id, dish, quantity, status FROM orders WHERE id = ?', req.params.id);
  if (!order) throw new Problem(404, { detail: `There is no order ${req.params.id}.` });
  res.json(order);
});

v1.post('/orders', async (req, res) => {
  const result = OrderInput.safeParse(req.body);
  if (!result.success) {
    throw new Problem(400, {
      type: `${PROBLEMS}/invalid-request`,
      title: 'Your request is not valid.',
      detail: `${result.error.issues.length} field(s) need fixing.`,
      errors: toErrors(result.error),
    });
  }
  const { dish, quantity } = result.data;
  const { lastID } = await db.run('INSERT INTO orders (dish, quantity) VALUES (?, ?)', dish, quantity);
  // req.baseUrl is where the router is mounted, /api/v1, so the link keeps the version.
  res.status(201).location(`${req.baseUrl}/orders/${lastID}`).json({ id: lastID, dish, quantity, status: 'received' });
});

// Cancelling an order: only one the kitchen has not started cooking.
v1.delete('/orders/:id', async (req, res) => {
  const order = await db.get('SELECT id, status FROM orders WHERE id = ?', req.params.id);
  if (!order) throw new Problem(404, { detail: `There is no order ${req.params.id}.` });
  if (order.status !== 'received') {
    throw new Problem(409, {
      type: `${PROBLEMS}/order-not-cancellable`,
      title: 'This order can no longer be cancelled.',
      detail: `Order ${order.id} is already ${order.status}.`,
      orderStatus: order.status,
    });
  }
  await db.run('DELETE FROM orders WHERE id = ?', order.id);
  res.status(204).end();
});

// Version 1 is deprecated since 1 January 2026 and will be switched off on 1 July 2027.
const V1_DEPRECATED = Date.parse('2026-01-01T00:00:00Z');
const V1_SUNSET = Date.parse('2027-07-01T00:00:00Z');

app.use(
  '/api/v1',
  (req, res, next) => {
    res.set('Deprecation', `@${V1_DEPRECATED / 1000}`);
    res.set('Sunset', new Date(V1_SUNSET).toUTCString());
    res.set('Link', '<https://kitchen.example/docs/migrate-to-v2>; rel="deprecation"; type="text/html"');
    next();
  },
  v1,
);

// No route matched: a problem too, not Express's HTML page.
app.use((req, res) => {
  sendProblem(req, res, new Problem(404, { detail: `There is nothing at ${req.method} ${req.path}.` }));
});

// Every error ends here, as application/problem+json.
app.use((err, req, res, next) => {
  if (err instanceof Problem) return sendProblem(req, res, err);
  if (err.type === 'entity.parse.failed') {
    return sendProblem(req, res, new Problem(400, { detail: 'The request body is not valid JSON.' }));
  }
  console.error(err); // the details go to the log, never to the client
  sendProblem(req, res, new Problem(500, { detail: 'Something went wrong on our side.' }));
});

export default app;
