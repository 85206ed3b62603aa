import bcrypt from 'bcryptjs';
import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The tables and their first rows. Don't change them: the checks read them.
await db.exec(`
  CREATE TABLE IF NOT EXISTS dishes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price INTEGER NOT NULL,
    on_menu INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE IF NOT EXISTS staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    dish_id INTEGER NOT NULL REFERENCES dishes (id),
    text TEXT NOT NULL
  );
`);

if ((await db.get('SELECT COUNT(*) AS n FROM dishes')).n === 0) {
  await db.exec(`
    INSERT INTO dishes (id, name, category, price, on_menu) VALUES
      (1, 'Tomato soup', 'starter', 6, 1),
      (2, 'Garlic bread', 'starter', 4, 1),
      (3, 'Mushroom risotto', 'main', 14, 1),
      (4, 'O''Brien''s Irish stew', 'main', 15, 1),
      (5, 'Lamb stew', 'main', 17, 1),
      (6, 'Lemon tart', 'dessert', 7, 1),
      (7, 'Staff meal: leftover risotto', 'main', 0, 0),
      (8, 'Truffle tasting menu', 'main', 95, 0);
  `);
  // The passwords are tomato-basil-42, saffron-risotto-7 and irish-stew-1987 (see the instructions).
  await db.exec(`
    INSERT INTO staff (id, username, password_hash, role) VALUES
      (1, 'marta', '$2b$10$DyqEpjDz8yQCF3teMKpE2uJ3JzUGx/xJzoAWo8KkoICEHkAZw53D6', 'owner'),
      (2, 'chef', '$2b$10$rxjKOpv/dbqx9PzY1s11p.1Y6A/C0TyHcefWH9ShEc5v8qVJrCHD2', 'cook'),
      (3, 'o''brien', '$2b$10$aRcRfz6uitYVLPK2vo45F.5y7YNhcXNrkrgJwGxnBESehg4Uhghyy', 'waiter');
  `);
}

// Task 1 and task 5: search the menu, and sort it.
app.get('/dishes', async (req, res) => {
  const search = req.query.search ?? '';
  const sort = req.query.sort ?? 'name';
  const dishes = await db.all(
    `SELECT id, name, category, price FROM dishes
     WHERE on_menu = 1 AND name LIKE '%${search}%'
     ORDER BY ${sort}`,
  );
  res.json(dishes);
});

// Task 2: one dish.
app.get('/dishes/:id', async (req, res) => {
  const dish = await db.get(`SELECT id, name, category, price FROM dishes WHERE id = ${req.params.id} AND on_menu = 1`);
  if (!dish) return res.status(404).json({ error: `There is no dish ${req.params.id} on the menu.` });
  res.json(dish);
});

// Task 3: staff log in.
app.post('/login', async (req, res) => {
  const { username, password } = req.body ?? {};
  if (typeof username !== 'string' || typeof password !== 'string') {
    return res.status(400).json({ error: 'Send "username" and "password" as text.' });
  }
  const member = await db.get(`SELECT id, username, password_hash, role FROM staff WHERE username = '${username}'`);
  if (!member || !(await bcrypt.compare(password, member.password_hash))) {
    return res.status(401).json({ error: 'Wrong username or password.' });
  }
  res.json({ username: member.username, role: member.role });
});

// Task 4: guests review a dish.
app.post('/dishes/:id/reviews', async (req, res) => {
  const text = req.body?.text;
  if (typeof text !== 'string' || text.trim() === '') {
    return res.status(400).json({ error: 'Send the review as "text", text that is not empty.' });
  }
  const dish = await db.get(`SELECT id FROM dishes WHERE id = ${req.params.id} AND on_menu = 1`);
  if (!dish) return res.status(404).json({ error: `There is no dish ${req.params.id} on the menu.` });
  await db.exec(`INSERT INTO reviews (dish_id, text) VALUES (${dish.id}, '${text}')`);
  const review = await db.get('SELECT id, dish_id AS dishId, text FROM reviews WHERE id = last_insert_rowid()');
  res.status(201).json(review);
});

// Anything that goes wrong ends here: a JSON error, never the details.
app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'Something went wrong in the kitchen.' });
});

export default app;
