import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();

const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// Ten thousand orders from 400 customers, one every 13 minutes from 1 January to 31 March 2024.
// Don't change the table or the orders: the checks rely on them.
await db.exec(`
  CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    customer_email TEXT NOT NULL,
    total INTEGER NOT NULL,
    created_at TEXT NOT NULL
  )
`);
const { count } = await db.get('SELECT COUNT(*) AS count FROM orders');
if (count === 0) {
  await db.exec(`
    INSERT INTO orders (customer_email, total, created_at)
    WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
    SELECT printf('customer%03d@example.com', (i * 7) % 400),
           5 + (i * 7919) % 60,
           datetime('2024-01-01 00:00:00', printf('+%d minutes', i * 13))
    FROM n
  `);
}

// One index serves the customer query twice: it finds a customer's orders (task 1) and hands them
// over already sorted by created_at (task 3). The second one serves date ranges (task 2).
await db.exec(`
  CREATE INDEX IF NOT EXISTS orders_customer_email_created_at ON orders (customer_email, created_at);
  CREATE INDEX IF NOT EXISTS orders_created_at ON orders (created_at);
`);

// A customer's orders, newest first.
app.get('/customers/:email/orders', async (req, res) => {
  const orders = await db.all(
    'SELECT id, customer_email, total, created_at FROM orders WHERE customer_email = ? ORDER BY created_at DESC',
    req.params.email,
  );
  res.json(orders);
});

// The orders of one day (YYYY-MM-DD), oldest first. date(created_at) = ? would compute a value for
// every row, which no index holds; a range on created_at itself is what the index can search.
app.get('/days/:day/orders', async (req, res) => {
  const orders = await db.all(
    "SELECT id, customer_email, total, created_at FROM orders WHERE created_at >= ? AND created_at < date(?, '+1 day') ORDER BY created_at",
    req.params.day,
    req.params.day,
  );
  res.json(orders);
});

export default app;
