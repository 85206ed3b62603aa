import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();

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

// Every dish on the menu, every field of each.
app.get('/dishes', async (req, res) => {
  const dishes = await db.all('SELECT id, name, category, price, calories, description FROM dishes ORDER BY id');
  res.json(dishes);
});

// One dish.
app.get('/dishes/:id', async (req, res) => {
  const dish = await db.get('SELECT id, name, category, price, calories, description FROM dishes WHERE id = ?', req.params.id);
  if (!dish) return res.status(404).json({ error: `There is no dish ${req.params.id}.` });
  res.json(dish);
});

export default app;
