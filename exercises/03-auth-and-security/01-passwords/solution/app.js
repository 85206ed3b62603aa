import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import bcrypt from 'bcryptjs';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// CREATE TABLE IF NOT EXISTS leaves a table that already exists alone, so while you change the table
// below, the app drops it and builds it again at every start (and forgets its diners).
await db.exec('DROP TABLE IF EXISTS users');

// The table keeps a bcrypt hash of each password, never the password itself.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL
  )
`);

// The work factor: each step up doubles the time one hash takes, for us and for anyone guessing.
const BCRYPT_COST = 10;

// Made once at start: compared against when nobody has the email, so both 401s take about as long.
const DUMMY_HASH = await bcrypt.hash('no-such-diner', BCRYPT_COST);

// Sign a diner up: { "email": "…", "password": "…" }.
app.post('/register', async (req, res) => {
  const { email, password } = req.body;
  // bcrypt makes a new random salt for every hash and writes it into the hash, with the cost.
  const passwordHash = await bcrypt.hash(password, BCRYPT_COST);
  const { lastID } = await db.run('INSERT INTO users (email, password_hash) VALUES (?, ?)', email, passwordHash);
  console.log(`New diner ${lastID}: ${email}`);
  res.status(201).json({ id: lastID, email });
});

// Log a diner in: { "email": "…", "password": "…" }.
app.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await db.get('SELECT id, email, password_hash FROM users WHERE email = ?', email);
  // bcrypt.compare hashes the typed password with the salt and cost stored in the hash, and compares.
  const passwordOk = (await bcrypt.compare(password, user?.password_hash ?? DUMMY_HASH)) && user !== undefined;
  if (!passwordOk) {
    return res.status(401).json({ error: 'Wrong email or password.' });
  }
  res.json({ id: user.id, email: user.email });
});

export default app;
