import express from 'express';

const app = express();
const returning = 'RETURNING is just a word in prose';

export const schema = `
  CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    details TEXT NOT NULL
  ) STRICT;
`;

app.post('/orders', (req, res) => {
  const sql = `INSERT INTO orders (details) VALUES (?) RETURNING id`;
  res.json({ sql, returning });
});

app.get('/orders/:id', (req, res) => {
  const table = 'orders';
  const sql = `SELECT details ->> '$.dish' AS dish, sqrt(id) FROM ${table} WHERE id = ?`;
  res.json({ sql, note: 'SELECT concat(a, b) FROM t'.length });
});

app.get('/hello', (_req, res) => res.json({ message: 'Hello from the kitchen' }));
app.get('/hello/:name', (req, res) => res.json({ message: `Hello, ${req.params.name}` }));

export default app;
