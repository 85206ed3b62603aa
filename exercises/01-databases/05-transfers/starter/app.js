import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The bank's tables. Balances are whole euros; the CHECK makes the database itself refuse a balance
// below zero. Don't change the tables or the accounts: the checks rely on them.
await db.exec(`
  PRAGMA foreign_keys = ON;
  CREATE TABLE IF NOT EXISTS accounts (
    id INTEGER PRIMARY KEY,
    owner TEXT NOT NULL,
    balance INTEGER NOT NULL CHECK (balance >= 0)
  );
  CREATE TABLE IF NOT EXISTS transfers (
    id INTEGER PRIMARY KEY,
    from_id INTEGER NOT NULL REFERENCES accounts (id),
    to_id INTEGER NOT NULL REFERENCES accounts (id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
  );
  INSERT OR IGNORE INTO accounts (id, owner, balance) VALUES
    (1, 'Ada', 500), (2, 'Grace', 500), (3, 'Linus', 200), (4, 'Margaret', 200),
    (5, 'Alan', 100), (6, 'Barbara', 100), (7, 'Ken', 300), (8, 'Dennis', 300),
    (9, 'Frances', 1000), (10, 'Edsger', 1000), (11, 'Radia', 50), (12, 'Tim', 50);
`);

// Done for you: look at the balances while you work.
app.get('/accounts', async (req, res) => {
  res.json(await db.all('SELECT id, owner, balance FROM accounts ORDER BY id'));
});

app.get('/accounts/:id', async (req, res) => {
  const account = await db.get('SELECT id, owner, balance FROM accounts WHERE id = ?', req.params.id);
  if (!account) return res.status(404).json({ error: `There is no account ${req.params.id}.` });
  res.json(account);
});

// TODO (task 1): POST /transfers moves `amount` euros from account `from` to account `to`, records the
// transfer in the transfers table, and answers 201 with { id, from, to, amount }.
// TODO (task 2): answer 400 for an amount that is not a whole number of at least 1, and 422 when
// `from` has too little money, with both balances unchanged.
// TODO (task 3): answer 404 when either account does not exist, with nothing changed.
// TODO (task 4): transfers that arrive at the same moment must not get in each other's way.

export default app;
