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

await db.exec(`
  CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    dish TEXT NOT NULL,
    quantity INTEGER NOT NULL,
    note TEXT,
    status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'cooking', 'served'))
  )
`);

// ---- The schemas: what a client may send, and what the API answers -------------------------------

/** What a client may send to place an order. */
const OrderInput = z.object({
  dish: z.string().trim().min(1).max(100).describe('The dish, as it is on the menu.'),
  quantity: z.int().min(1).max(20).describe('How many portions.'),
  note: z.string().max(200).optional().describe('A note for the kitchen, such as "no onions".'),
});

/** What a client may send to move an order on. */
const StatusChange = z.object({
  status: z.enum(['received', 'cooking', 'served']).describe('The new status of the order.'),
});

/** The query of GET /api/v1/orders. */
const ListQuery = z.object({
  status: z.enum(['received', 'cooking', 'served']).optional().describe('Only orders with this status.'),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('How many orders at most.'),
});

/** An order, as every answer shows it. */
const Order = z.object({
  id: z.int(),
  dish: z.string(),
  quantity: z.int(),
  note: z.string().nullable(),
  status: z.enum(['received', 'cooking', 'served']),
});

// ---- Errors: every one is application/problem+json ------------------------------------------------

class Problem extends Error {
  constructor(status, detail, extensions = {}) {
    super(detail);
    this.status = status;
    this.body = { type: 'about:blank', title: STATUS_CODES[status], status, detail, ...extensions };
  }
}

function invalid(error) {
  return new Problem(400, 'The request is not valid.', {
    errors: error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message })),
  });
}

// ---- The routes -------------------------------------------------------------------------------------

const v1 = express.Router();

v1.get('/orders', async (req, res) => {
  const query = ListQuery.safeParse(req.query);
  if (!query.success) throw invalid(query.error);
  const { status, limit } = query.data;
  const rows = status
    ? await db.all('SELECT id, dish, quantity, note, status FROM orders WHERE status = ? ORDER BY id LIMIT ?', status, limit)
    : await db.all('SELECT id, dish, quantity, note, status FROM orders ORDER BY id LIMIT ?', limit);
  res.json(rows);
});

v1.post('/orders', async (req, res) => {
  const body = OrderInput.safeParse(req.body);
  if (!body.success) throw invalid(body.error);
  const { dish, quantity, note = null } = body.data;
  const { lastID } = await db.run('INSERT INTO orders (dish, quantity, note) VALUES (?, ?, ?)', dish, quantity, note);
  res.status(201).location(`${req.baseUrl}/orders/${lastID}`).json({ id: lastID, dish, quantity, note, status: 'received' });
});

async function findOrder(id) {
  const order = await db.get('SELECT id, dish, quantity, note, status FROM orders WHERE id = ?', id);
  if (!order) throw new Problem(404, `There is no order ${id}.`);
  return order;
}

v1.get('/orders/:id', async (req, res) => {
  res.json(await findOrder(req.params.id));
});

v1.patch('/orders/:id', async (req, res) => {
  const body = StatusChange.safeParse(req.body);
  if (!body.success) throw invalid(body.error);
  const order = await findOrder(req.params.id);
  await db.run('UPDATE orders SET status = ? WHERE id = ?', body.data.status, order.id);
  res.json({ ...order, status: body.data.status });
});

v1.delete('/orders/:id', async (req, res) => {
  const order = await findOrder(req.params.id);
  if (order.status !== 'received') throw new Problem(409, `Order ${order.id} is already ${order.status}.`);
  await db.run('DELETE FROM orders WHERE id = ?', order.id);
  res.status(204).end();
});

app.use('/api/v1', v1);

// ---- The OpenAPI document, built from the same schemas ----------------------------------------------

// A zod schema as JSON Schema, without the "$schema" line. io: 'input' describes what a client may send.
function jsonSchema(schema, io = 'output') {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io });
  return rest;
}

// Each field of a query schema becomes one OpenAPI query parameter.
function queryParameters(schema) {
  const { properties, required = [] } = jsonSchema(schema, 'input');
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
  }));
}

const problem = (description) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
const orderJson = { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } };
const body = (name) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } });
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };

const openapi = {
  openapi: '3.1.2',
  info: { title: 'Kitchen API', version: '1.0.0', description: 'Orders for the kitchen of Backend Kitchen.' },
  paths: {
    '/api/v1/orders': {
      get: {
        summary: 'List orders',
        parameters: queryParameters(ListQuery),
        responses: {
          200: { description: 'The orders, oldest first.', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Order' } } } } },
          400: problem('A query parameter is not valid.'),
        },
      },
      post: {
        summary: 'Place an order',
        requestBody: body('OrderInput'),
        responses: {
          201: {
            description: 'The order, as stored.',
            content: orderJson,
            headers: { Location: { description: "The new order's URL.", schema: { type: 'string' } } },
          },
          400: problem('The body is not a valid order.'),
        },
      },
    },
    '/api/v1/orders/{id}': {
      parameters: [idParameter],
      get: {
        summary: 'Get one order',
        responses: { 200: { description: 'The order.', content: orderJson }, 404: problem('There is no such order.') },
      },
      patch: {
        summary: 'Move an order on',
        requestBody: body('StatusChange'),
        responses: {
          200: { description: 'The order, with its new status.', content: orderJson },
          400: problem('The body is not a valid status change.'),
          404: problem('There is no such order.'),
        },
      },
      delete: {
        summary: 'Cancel an order',
        responses: {
          204: { description: 'The order was cancelled.' },
          404: problem('There is no such order.'),
          409: problem('The order is already being cooked.'),
        },
      },
    },
  },
  components: {
    schemas: {
      OrderInput: jsonSchema(OrderInput, 'input'),
      StatusChange: jsonSchema(StatusChange, 'input'),
      Order: jsonSchema(Order),
      Problem: {
        type: 'object',
        description: 'An error, as RFC 9457 problem details.',
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          errors: { type: 'array', items: { type: 'object' } },
        },
      },
    },
  },
};

app.get('/openapi.json', (req, res) => res.json(openapi));

// ---- Everything else: 404, broken JSON and crashes, as problems -------------------------------------

app.use((req, res, next) => next(new Problem(404, `There is nothing at ${req.method} ${req.path}.`)));

app.use((err, req, res, next) => {
  let problem = err;
  if (!(err instanceof Problem)) {
    if (err.type === 'entity.parse.failed') problem = new Problem(400, 'The request body is not valid JSON.');
    else {
      console.error(err);
      problem = new Problem(500, 'Something went wrong on our side.');
    }
  }
  res.status(problem.status).type('application/problem+json').json(problem.body);
});

export default app;
