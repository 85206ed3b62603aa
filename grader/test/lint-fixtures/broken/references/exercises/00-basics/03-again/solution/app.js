import express from 'express';

const app = express();
const returning = 'Welcome back';

app.get('/hello', (_req, res) => {
  res.json({ message: 'Hello from the kitchen' });
});

app.get('/hello/:name', (req, res) => {
  // A string that mentions RETURNING but is no SQL is not checked.
  res.json({ message: `Hello, ${req.params.name}`, note: req.query.back ? returning : undefined });
});

export const schema = `CREATE TABLE greetings (id INTEGER PRIMARY KEY, text TEXT NOT NULL, created_at INTEGER DEFAULT (strftime('%s', 'now')))`;
export const query = "SELECT text FROM greetings WHERE text = 'returning customers ->> welcome' -- RETURNING in a comment";

export default app;
