import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// CREATE TABLE IF NOT EXISTS leaves a table that already exists alone, so while you change the table
// below, the app drops it and builds it again at every start (and forgets its diners).
await db.exec('DROP TABLE IF EXISTS users');

// TODO (task 1): a column that holds the password itself.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password TEXT NOT NULL
  )
`);

// Sign a diner up: { "email": "…", "password": "…" }.
app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  // TODO (task 3): what does this line print?
  console.log('New diner:', req.body);
  // TODO (task 1): this stores the password exactly as the diner typed it.
  const { lastID } = await db.run('INSERT INTO users (email, password) VALUES (?, ?)', email, password);
  // TODO (task 3): what does this answer send back?
  res.status(201).json({ id: lastID, email, password });
});

// Log a diner in: { "email": "…", "password": "…" }.
app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  console.log(`Login attempt: ${email} / ${password}`);
  const user = await db.get('SELECT id, email, password FROM users WHERE email = ?', email);
  // TODO (task 2): compares the typed password with what is stored, as two strings.
  if (!user || user.password !== password) {
    return res.status(401).json({ error: 'Wrong email or password.' });
  }
  res.json({ id: user.id, email: user.email });
});

export default app;
