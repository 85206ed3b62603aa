import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// CREATE TABLE IF NOT EXISTS leaves a table that already exists alone, so while you change the table
// below, the app drops it and builds it again at every start (and forgets its users). Real apps
// change tables with migrations instead: that comes in a later lesson.
await db.exec('DROP TABLE IF EXISTS users');

// The rules live in the table, so no code path (this app's, a script's, a teammate's) can break them.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    age INTEGER NOT NULL CONSTRAINT age_at_least_13 CHECK (age >= 13)
  )
`);

/**
 * Which column a constraint error is about, read from SQLite's message:
 * "UNIQUE constraint failed: users.email", "NOT NULL constraint failed: users.name",
 * "CHECK constraint failed: age_at_least_13". The CHECK has a name of its own because, depending on
 * the SQLite version, an unnamed one is reported by its condition or only by the table's name.
 */
function fieldOf(error) {
  return ['email', 'name', 'age'].find((field) => error.message.includes(field));
}

app.post('/users', async (req, res, next) => {
  const { email, name, age } = req.body ?? {};
  try {
    const result = await db.run('INSERT INTO users (email, name, age) VALUES (?, ?, ?)', email, name, age);
    const user = await db.get('SELECT id, email, name, age FROM users WHERE id = ?', result.lastID);
    res.status(201).json(user);
  } catch (error) {
    if (error.code !== 'SQLITE_CONSTRAINT') return next(error);
    const field = fieldOf(error);
    if (error.message.includes('UNIQUE')) {
      return res.status(409).json({ error: `Someone has already signed up with ${email}.`, field });
    }
    const problem = error.message.includes('NOT NULL') ? 'is missing' : 'is not allowed (you must be 13 or older)';
    res.status(400).json({ error: `${field} ${problem}.`, field });
  }
});

app.get('/users', async (req, res) => {
  res.json(await db.all('SELECT id, email, name, age FROM users ORDER BY id'));
});

export default app;
