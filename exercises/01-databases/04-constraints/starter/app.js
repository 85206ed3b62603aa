import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// CREATE TABLE IF NOT EXISTS leaves a table that already exists alone, so while you change the table
// below, the app drops it and builds it again at every start (and forgets its users). Real apps
// change tables with migrations instead: that comes in a later lesson.
await db.exec('DROP TABLE IF EXISTS users');

// TODO (task 1): make the table itself refuse bad rows.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT,
    name TEXT,
    age INTEGER
  )
`);

// Sign a new diner up.
// TODO (task 2): a taken email answers 409 with { error, field: "email" }.
// TODO (task 3): a missing email, name or age, or an age under 13, answers 400 with { error, field }.
app.post('/users', async (req, res) => {
  const { email, name, age } = req.body ?? {};
  const result = await db.run('INSERT INTO users (email, name, age) VALUES (?, ?, ?)', email, name, age);
  const user = await db.get('SELECT id, email, name, age FROM users WHERE id = ?', result.lastID);
  res.status(201).json(user);
});

// Done for you: see who has signed up.
app.get('/users', async (req, res) => {
  res.json(await db.all('SELECT id, email, name, age FROM users ORDER BY id'));
});

export default app;
