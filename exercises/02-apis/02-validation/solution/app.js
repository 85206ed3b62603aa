import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import { z } from 'zod';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The dishes table, made and filled on the first start. Don't change it: the checks read it.
await db.exec(`
  CREATE TABLE IF NOT EXISTS dishes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    category TEXT NOT NULL,
    vegetarian INTEGER NOT NULL DEFAULT 0
  )
`);
const { count } = await db.get('SELECT count(*) AS count FROM dishes');
if (count === 0) {
  await db.exec(`
    INSERT INTO dishes (name, price_cents, category, vegetarian) VALUES
      ('Tomato soup', 650, 'starter', 1),
      ('Risotto ai funghi', 1450, 'main', 1),
      ('Steak frites', 2200, 'main', 0),
      ('Crème brûlée', 800, 'dessert', 1)
  `);
}

const SELECT = 'SELECT id, name, price_cents AS priceCents, category, vegetarian FROM dishes';

/** A row of the table as the API shows it: vegetarian as true or false. */
function toDish(row) {
  return { ...row, vegetarian: row.vegetarian === 1 };
}

// What a client may send to create a dish. Anything else in the body is dropped.
const DishInput = z.object(
  {
    name: z
      .string('name must be the name of the dish, as text')
      .trim()
      .min(1, 'name must not be empty')
      .max(80, 'name can be at most 80 characters'),
    priceCents: z
      .int('priceCents must be a whole number of cents')
      .min(1, 'priceCents must be from 1 to 100000')
      .max(100000, 'priceCents must be from 1 to 100000'),
    category: z.enum(['starter', 'main', 'dessert'], 'category must be starter, main or dessert'),
    vegetarian: z.boolean('vegetarian must be true or false').default(false),
  },
  'Send the dish as a JSON object, with Content-Type: application/json',
);

// A change: the same rules for every field that is sent, and at least one field.
const DishChanges = z
  .object(
    {
      name: DishInput.shape.name.optional(),
      priceCents: DishInput.shape.priceCents.optional(),
      category: DishInput.shape.category.optional(),
      vegetarian: z.boolean('vegetarian must be true or false').optional(),
    },
    'Send the changes as a JSON object, with Content-Type: application/json',
  )
  .refine((changes) => Object.keys(changes).length > 0, 'Send at least one of name, priceCents, category or vegetarian.');

// The query string is text: coerce maxPriceCents into a number before checking it.
const ListQuery = z.object({
  category: DishInput.shape.category.optional(),
  maxPriceCents: z.coerce
    .number('maxPriceCents must be a number')
    .int('maxPriceCents must be a whole number of cents')
    .min(1, 'maxPriceCents must be at least 1')
    .optional(),
});

/** Every problem zod found, in the shape this API promises: { field, message }. */
function toErrors(zodError) {
  return zodError.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message }));
}

/** Middleware: check req.body against a schema, answer 400 with every problem, or go on with clean data. */
function validateBody(schema) {
  return (req, res, next) => {
    const result = schema.safeParse(req.body);
    if (!result.success) return res.status(400).json({ errors: toErrors(result.error) });
    req.body = result.data;
    next();
  };
}

app.get('/dishes', async (req, res) => {
  const result = ListQuery.safeParse(req.query);
  if (!result.success) return res.status(400).json({ errors: toErrors(result.error) });
  const { category, maxPriceCents } = result.data;
  let sql = `${SELECT} WHERE 1 = 1`;
  const params = [];
  if (category !== undefined) {
    sql += ' AND category = ?';
    params.push(category);
  }
  if (maxPriceCents !== undefined) {
    sql += ' AND price_cents <= ?';
    params.push(maxPriceCents);
  }
  const rows = await db.all(`${sql} ORDER BY id`, params);
  res.json(rows.map(toDish));
});

app.post('/dishes', validateBody(DishInput), async (req, res) => {
  const { name, priceCents, category, vegetarian } = req.body;
  const { lastID } = await db.run(
    'INSERT INTO dishes (name, price_cents, category, vegetarian) VALUES (?, ?, ?, ?)',
    name,
    priceCents,
    category,
    vegetarian ? 1 : 0,
  );
  const row = await db.get(`${SELECT} WHERE id = ?`, lastID);
  res.status(201).json(toDish(row));
});

app.patch('/dishes/:id', validateBody(DishChanges), async (req, res) => {
  const row = await db.get(`${SELECT} WHERE id = ?`, req.params.id);
  if (!row) return res.status(404).json({ error: `There is no dish with id ${req.params.id}.` });
  const dish = { ...toDish(row), ...req.body };
  await db.run(
    'UPDATE dishes SET name = ?, price_cents = ?, category = ?, vegetarian = ? WHERE id = ?',
    dish.name,
    dish.priceCents,
    dish.category,
    dish.vegetarian ? 1 : 0,
    row.id,
  );
  res.json(toDish(await db.get(`${SELECT} WHERE id = ?`, row.id)));
});

// Broken JSON never reaches validateBody: express.json() passes a 400 error on. Answer it in the same
// shape as every other 400, and leave other errors to Express.
app.use((err, req, res, next) => {
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ errors: [{ field: 'body', message: 'The body is not valid JSON.' }] });
  }
  next(err);
});

export default app;
