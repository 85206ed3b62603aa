import compression from 'compression';
import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();

// Gzip (or Brotli) answers of 1 KB or more when the client accepts it, with Vary: Accept-Encoding.
app.use(compression());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The menu: 240 dishes, made up once on the first start. Don't change the table or how it is filled:
// the checks compare your answers with these rows.
await db.exec(`
  CREATE TABLE IF NOT EXISTS dishes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price INTEGER NOT NULL,
    calories INTEGER NOT NULL,
    description TEXT NOT NULL
  )
`);
if ((await db.get('SELECT COUNT(*) AS n FROM dishes')).n === 0) {
  const ways = ['Roast', 'Grilled', 'Braised', 'Smoked', 'Crispy', 'Slow-cooked', 'Pan-fried', 'Baked', 'Steamed', 'Spiced'];
  const foods = ['chicken', 'salmon', 'aubergine', 'lamb', 'tofu', 'mushroom', 'cod', 'duck', 'pumpkin', 'beef', 'halloumi', 'prawn'];
  const kinds = [
    ['salad', 'starter'],
    ['stew', 'main'],
  ];
  await db.exec('BEGIN');
  let id = 0;
  for (const [kind, category] of kinds) {
    for (const way of ways) {
      for (const food of foods) {
        id += 1;
        const name = `${way} ${food} ${kind}`;
        await db.run(
          'INSERT INTO dishes (id, name, category, price, calories, description) VALUES (?, ?, ?, ?, ?, ?)',
          id,
          name,
          category,
          5 + ((id * 7) % 20),
          250 + ((id * 37) % 600),
          `${name}, made fresh every morning with seasonal vegetables, herbs from our garden and a sauce the kitchen is rather proud of.`,
        );
      }
    }
  }
  await db.exec('COMMIT');
}

// The fields a dish has, and so the only ones ?fields= may ask for.
const FIELDS = ['id', 'name', 'category', 'price', 'calories', 'description'];

/** The columns ?fields=a,b asks for (all of them without it), or the first field that doesn't exist. */
function chosenFields(query) {
  if (query.fields === undefined) return { fields: FIELDS };
  const fields = String(query.fields).split(',');
  const unknown = fields.find((field) => !FIELDS.includes(field));
  return unknown === undefined ? { fields } : { unknown };
}

/** ?limit (1 to 100, 20 when it is not given) and ?offset (0 or more), or undefined when either is wrong. */
function page(query) {
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  const offset = query.offset === undefined ? 0 : Number(query.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return undefined;
  if (!Number.isInteger(offset) || offset < 0) return undefined;
  return { limit, offset };
}

app.get('/dishes', async (req, res) => {
  const { fields, unknown } = chosenFields(req.query);
  if (unknown !== undefined) {
    return res.status(400).json({ error: `Dishes have no field "${unknown}". Ask for any of: ${FIELDS.join(', ')}.` });
  }
  const paging = page(req.query);
  if (!paging) {
    return res.status(400).json({ error: 'limit must be a whole number from 1 to 100, and offset a whole number from 0.' });
  }
  // The names come from FIELDS (checked above), never straight from the request.
  const dishes = await db.all(
    `SELECT ${fields.join(', ')} FROM dishes ORDER BY id LIMIT ? OFFSET ?`,
    paging.limit,
    paging.offset,
  );
  res.json(dishes);
});

app.get('/dishes/:id', async (req, res) => {
  const { fields, unknown } = chosenFields(req.query);
  if (unknown !== undefined) {
    return res.status(400).json({ error: `Dishes have no field "${unknown}". Ask for any of: ${FIELDS.join(', ')}.` });
  }
  const dish = await db.get(`SELECT ${fields.join(', ')} FROM dishes WHERE id = ?`, req.params.id);
  if (!dish) return res.status(404).json({ error: `There is no dish ${req.params.id}.` });
  res.json(dish);
});

export default app;
