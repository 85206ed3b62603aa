import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import { z } from 'zod';

const app = express();

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The recipes table, made and filled on the first start. Don't change it: the checks read it, and add
// recipes of their own while they page through it. Many recipes share a created_at on purpose.
await db.exec(`
  CREATE TABLE IF NOT EXISTS recipes (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
  )
`);
const FIRST_RECIPES = [
  ['100% rye bread', '2026-03-01T09:00:00.000Z'],
  ['Brioche', '2026-03-01T15:00:00.000Z'],
  ['Nicoise salad', '2026-03-02T09:00:00.000Z'],
  ['Pumpkin soup', '2026-03-03T15:00:00.000Z'],
  ['Pea soup', '2026-03-04T12:00:00.000Z'],
  ['French toast', '2026-03-01T15:00:00.000Z'],
  ['Jollof rice', '2026-03-02T15:00:00.000Z'],
  ['Soda bread', '2026-03-03T12:00:00.000Z'],
  ['Lemon tart', '2026-03-05T15:00:00.000Z'],
  ['Tomato soup', '2026-03-02T09:00:00.000Z'],
  ['Leek and potato soup', '2026-03-04T18:00:00.000Z'],
  ['Apple pie', '2026-03-03T09:00:00.000Z'],
  ['Pesto pasta', '2026-03-01T18:00:00.000Z'],
  ['Caprese salad', '2026-03-04T15:00:00.000Z'],
  ['Apple pie', '2026-03-02T12:00:00.000Z'],
  ['Risotto ai funghi', '2026-03-02T18:00:00.000Z'],
  ['Tiramisu', '2026-03-03T12:00:00.000Z'],
  ['Bagels', '2026-03-05T18:00:00.000Z'],
  ['Roast chicken', '2026-03-05T18:00:00.000Z'],
  ['Eggs Benedict', '2026-03-01T12:00:00.000Z'],
  ['Pavlova', '2026-03-03T15:00:00.000Z'],
  ['Shakshuka', '2026-03-05T12:00:00.000Z'],
  ['Rice pudding', '2026-03-03T12:00:00.000Z'],
  ['Fish pie', '2026-03-05T09:00:00.000Z'],
  ['Pancakes', '2026-03-05T15:00:00.000Z'],
  ['Chocolate mousse', '2026-03-03T09:00:00.000Z'],
  ['Risotto alla milanese', '2026-03-04T12:00:00.000Z'],
  ['Steak frites', '2026-03-04T18:00:00.000Z'],
  ['Cheesecake', '2026-03-02T09:00:00.000Z'],
  ['Potato salad', '2026-03-01T15:00:00.000Z'],
  ['Chicken curry', '2026-03-04T09:00:00.000Z'],
  ['Onion soup', '2026-03-01T18:00:00.000Z'],
  ['Carbonara', '2026-03-02T15:00:00.000Z'],
  ['Panna cotta', '2026-03-01T09:00:00.000Z'],
  ['Bread in 100 minutes', '2026-03-02T15:00:00.000Z'],
  ['Omelette', '2026-03-03T18:00:00.000Z'],
  ['Sourdough loaf', '2026-03-03T09:00:00.000Z'],
  ["Shepherd's pie", '2026-03-05T15:00:00.000Z'],
  ['Caesar salad', '2026-03-05T18:00:00.000Z'],
  ['Lentil soup', '2026-03-02T12:00:00.000Z'],
  ['Fish soup', '2026-03-05T09:00:00.000Z'],
  ['Waldorf salad', '2026-03-03T18:00:00.000Z'],
  ['Paella', '2026-03-02T18:00:00.000Z'],
  ['Beef stew', '2026-03-02T12:00:00.000Z'],
  ['Biryani', '2026-03-03T15:00:00.000Z'],
  ['Pork belly', '2026-03-03T18:00:00.000Z'],
  ['Greek salad', '2026-03-04T09:00:00.000Z'],
  ['Tomato soup', '2026-03-04T12:00:00.000Z'],
  ['Coleslaw', '2026-03-05T09:00:00.000Z'],
  ['Miso soup', '2026-03-05T12:00:00.000Z'],
  ['Granola', '2026-03-01T12:00:00.000Z'],
  ['Waffles', '2026-03-04T09:00:00.000Z'],
  ['Creme brulee', '2026-03-01T12:00:00.000Z'],
  ['Focaccia', '2026-03-01T18:00:00.000Z'],
  ['Crepes', '2026-03-02T18:00:00.000Z'],
  ['Pita bread', '2026-03-05T12:00:00.000Z'],
  ['Fried rice', '2026-03-04T18:00:00.000Z'],
  ['Sushi rice', '2026-03-04T15:00:00.000Z'],
  ['Lamb tagine', '2026-03-01T09:00:00.000Z'],
  ['Tabbouleh', '2026-03-04T15:00:00.000Z'],
];
const { count } = await db.get('SELECT count(*) AS count FROM recipes');
if (count === 0) {
  for (const [title, createdAt] of FIRST_RECIPES) {
    await db.run('INSERT INTO recipes (title, created_at) VALUES (?, ?)', title, createdAt);
  }
}

/** A row of the table as the API shows it. */
function toRecipe(row) {
  return { id: row.id, title: row.title, createdAt: row.created_at };
}

// The only orders a client may ask for: the name in the API, and the column in SQL.
const SORTABLE = { createdAt: 'created_at', title: 'title' };
const SORTS = Object.keys(SORTABLE).flatMap((name) => [name, `-${name}`]);

const ListQuery = z.object({
  q: z.string('q must be text').optional(),
  sort: z.enum(SORTS, `sort must be one of ${SORTS.join(', ')}`).default('-createdAt'),
  limit: z.coerce
    .number('limit must be a number')
    .int('limit must be a whole number')
    .min(1, 'limit must be from 1 to 50')
    .max(50, 'limit must be from 1 to 50')
    .default(10),
  cursor: z.string('cursor must be text').optional(),
});

/** Every problem zod found, in the shape this API promises: { field, message }. */
function toErrors(zodError) {
  return zodError.issues.map((issue) => ({ field: String(issue.path[0]), message: issue.message }));
}

// In LIKE, % and _ are wildcards. Escape them (and the escape character) so they match themselves.
function likeContains(text) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// A cursor is the sort value and the id of the last row on a page, packed into one URL-safe string.
function encodeCursor(row, column) {
  return Buffer.from(JSON.stringify([row[column], row.id])).toString('base64url');
}

function decodeCursor(text) {
  try {
    const values = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === 2) return values;
  } catch {
    // Not base64url JSON at all.
  }
  return null;
}

app.get('/recipes', async (req, res) => {
  const parsed = ListQuery.safeParse(req.query);
  if (!parsed.success) return res.status(400).json({ errors: toErrors(parsed.error) });
  const { q, sort, limit, cursor } = parsed.data;

  const descending = sort.startsWith('-');
  const column = SORTABLE[descending ? sort.slice(1) : sort]; // from our list, never from the request
  const direction = descending ? 'DESC' : 'ASC';

  const conditions = [];
  const values = [];
  if (q) {
    conditions.push("title LIKE ? ESCAPE '\\'");
    values.push(likeContains(q));
  }
  if (cursor !== undefined) {
    const after = decodeCursor(cursor);
    if (!after) return res.status(400).json({ errors: [{ field: 'cursor', message: 'cursor is not one this API gave out' }] });
    // Rows after the last one of the previous page: by the sort column, then by id when that is equal.
    conditions.push(`(${column}, id) ${descending ? '<' : '>'} (?, ?)`);
    values.push(...after);
  }

  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = await db.all(
    `SELECT id, title, created_at FROM recipes ${where} ORDER BY ${column} ${direction}, id ${direction} LIMIT ?`,
    ...values,
    limit + 1, // one extra row tells us whether there is a next page
  );

  const page = rows.slice(0, limit);
  let next = null;
  if (rows.length > limit) {
    const query = new URLSearchParams({ sort, limit: String(limit), cursor: encodeCursor(page.at(-1), column) });
    if (q) query.set('q', q);
    next = `/recipes?${query}`;
  }
  res.json({ items: page.map(toRecipe), next });
});

export default app;
