import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The bank's tables. Balances are whole euros; the CHECK makes the database itself refuse a balance
// below zero, so no transfer can overdraw an account even if the app forgets to look.
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

app.get('/accounts', async (req, res) => {
  res.json(await db.all('SELECT id, owner, balance FROM accounts ORDER BY id'));
});

app.get('/accounts/:id', async (req, res) => {
  const account = await db.get('SELECT id, owner, balance FROM accounts WHERE id = ?', req.params.id);
  if (!account) return res.status(404).json({ error: `There is no account ${req.params.id}.` });
  res.json(account);
});

/** An error that already knows the status and message to answer with. */
class TransferError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// The app has one connection, and a transaction belongs to the connection, not to the request:
// while one transfer awaits, another request's statements would run inside its transaction. So
// transactions take turns: each starts when the one before it has committed or rolled back.
let previous = Promise.resolve();

function inTransaction(work) {
  const run = previous.then(async () => {
    await db.exec('BEGIN');
    try {
      const result = await work();
      await db.exec('COMMIT');
      return result;
    } catch (error) {
      await db.exec('ROLLBACK');
      throw error;
    }
  });
  previous = run.catch(() => {});
  return run;
}

app.post('/transfers', async (req, res, next) => {
  const { from, to, amount } = req.body ?? {};
  if (!Number.isInteger(amount) || amount < 1) {
    return res.status(400).json({ error: `amount must be a whole number of euros, at least 1; got ${JSON.stringify(amount)}.` });
  }
  try {
    const transfer = await inTransaction(async () => {
      const debit = await db.run('UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?', amount, from, amount);
      if (debit.changes === 0) {
        const exists = await db.get('SELECT id FROM accounts WHERE id = ?', from);
        if (!exists) throw new TransferError(404, `There is no account ${from}.`);
        throw new TransferError(422, `Account ${from} has less than ${amount} euros.`);
      }
      const credit = await db.run('UPDATE accounts SET balance = balance + ? WHERE id = ?', amount, to);
      // The debit above has already run: throwing here rolls it back.
      if (credit.changes === 0) throw new TransferError(404, `There is no account ${to}.`);
      const { lastID } = await db.run('INSERT INTO transfers (from_id, to_id, amount) VALUES (?, ?, ?)', from, to, amount);
      return { id: lastID, from, to, amount };
    });
    res.status(201).json(transfer);
  } catch (error) {
    if (error instanceof TransferError) return res.status(error.status).json({ error: error.message });
    next(error);
  }
});

export default app;
