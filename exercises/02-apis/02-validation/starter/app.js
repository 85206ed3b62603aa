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

// TODO (task 5): check the query string before using it.
app.get('/dishes', async (req, res) => {
  const { category, maxPriceCents } = req.query;
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

// TODO (tasks 1–3): check the body against a zod schema; answer 400 { errors: [{ field, message }] }.
app.post('/dishes', async (req, res) => {
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

// TODO (task 4): check the fields a change sends, with the same rules.
app.patch('/dishes/:id', async (req, res) => {
  const row = await db.get(`${SELECT} WHERE id = ?`, req.params.id);
  if (!row) return res.status(404).json({ error: `There is no dish with id ${req.params.id}.` });
  const dish = { ...toDish(row), ...req.body, id: row.id };
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

// TODO (task 6): an error handler that answers broken JSON in the same shape as the other 400s.

export default app;
