import { createHash } from 'node:crypto';
import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The orders table. Don't change it: the checks count its rows.
await db.exec(`
  CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    dish TEXT NOT NULL,
    quantity INTEGER NOT NULL
  )
`);

// Every Idempotency-Key seen, with a hash of the body it came with and the answer it got. The primary
// key is what lets only one request claim a key, however many arrive at once. status is NULL while
// the first request with the key is still being handled.
await db.exec(`
  CREATE TABLE IF NOT EXISTS idempotency_keys (
    key TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status INTEGER,
    location TEXT,
    body TEXT,
    created_at TEXT NOT NULL
  )
`);

// Where the Location header of a new order points.
app.get('/orders/:id', async (req, res) => {
  const order = await db.get('SELECT id, dish, quantity FROM orders WHERE id = ?', req.params.id);
  if (!order) return res.status(404).json({ error: `There is no order with id ${req.params.id}.` });
  res.json(order);
});

/** Checks and stores one order; returns the answer to give, as { status, location?, body }. */
async function placeOrder(order) {
  if (typeof order?.dish !== 'string' || order.dish === '') {
    return { status: 400, body: { error: 'Send the dish to cook as "dish", as text that is not empty.' } };
  }
  if (!Number.isInteger(order.quantity) || order.quantity < 1 || order.quantity > 20) {
    return { status: 400, body: { error: 'Send "quantity" as a whole number from 1 to 20.' } };
  }
  const { lastID } = await db.run('INSERT INTO orders (dish, quantity) VALUES (?, ?)', order.dish, order.quantity);
  return { status: 201, location: `/orders/${lastID}`, body: { id: lastID, dish: order.dish, quantity: order.quantity } };
}

/** Wraps a handler so that a request repeated with the same Idempotency-Key gets the first answer again. */
function idempotent(handler) {
  return async (req, res) => {
    const key = req.get('Idempotency-Key');
    if (!key) {
      return res.status(400).json({ error: 'Send an Idempotency-Key header, such as a UUID, with every POST /orders.' });
    }
    const hash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex');

    try {
      await db.run(
        'INSERT INTO idempotency_keys (key, request_hash, created_at) VALUES (?, ?, ?)',
        key,
        hash,
        new Date().toISOString(),
      );
    } catch (err) {
      if (err.code !== 'SQLITE_CONSTRAINT') throw err;
      // Seen this key before: replay, or explain why not.
      const seen = await db.get('SELECT * FROM idempotency_keys WHERE key = ?', key);
      if (seen.request_hash !== hash) {
        return res.status(422).json({ error: 'This Idempotency-Key was already used with a different body.' });
      }
      if (seen.status === null) {
        return res.status(409).json({ error: 'A request with this Idempotency-Key is still being handled. Try again shortly.' });
      }
      if (seen.location) res.location(seen.location);
      return res.status(seen.status).json(JSON.parse(seen.body));
    }

    try {
      const { status, location, body } = await handler(req.body);
      await db.run(
        'UPDATE idempotency_keys SET status = ?, location = ?, body = ? WHERE key = ?',
        status,
        location ?? null,
        JSON.stringify(body),
        key,
      );
      if (location) res.location(location);
      res.status(status).json(body);
    } catch (err) {
      await db.run('DELETE FROM idempotency_keys WHERE key = ?', key); // let a retry run it again
      throw err;
    }
  };
}

app.post('/orders', idempotent(placeOrder));

export default app;
