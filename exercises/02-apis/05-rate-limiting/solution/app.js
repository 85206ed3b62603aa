import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import { rateLimit } from 'express-rate-limit';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The orders table, made on the first start. Don't change it: the checks read it.
await db.exec(`
  CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY,
    dish TEXT NOT NULL,
    quantity INTEGER NOT NULL
  )
`);

const MENU = [
  { id: 1, name: 'Tomato soup', priceCents: 650 },
  { id: 2, name: 'Risotto ai funghi', priceCents: 1450 },
  { id: 3, name: 'Lemon tart', priceCents: 700 },
];

// Exactly one proxy (the kitchen's load balancer) stands between the internet and this app: req.ip is
// the last address in X-Forwarded-For, the one the proxy added.
app.set('trust proxy', 1);

// At most 5 orders a minute from one client; the sixth gets 429, Retry-After and a problem.
const orderLimiter = rateLimit({
  windowMs: 60_000,
  limit: 5,
  standardHeaders: 'draft-8', // RateLimit and RateLimit-Policy headers
  legacyHeaders: false, // no X-RateLimit-* headers
  handler: (req, res, next, options) => {
    res
      .status(options.statusCode)
      .type('application/problem+json')
      .json({
        type: 'https://kitchen.example/problems/too-many-requests',
        title: 'Too many requests.',
        status: options.statusCode,
        detail: `At most ${options.limit} orders a minute. Try again in ${res.get('Retry-After')} seconds.`,
      });
  },
});

// The menu is read often, and stays unlimited: the limiter is on POST /orders only.
app.get('/menu', (req, res) => {
  res.json(MENU);
});

app.post('/orders', orderLimiter, async (req, res) => {
  const { dish, quantity } = req.body;
  const { lastID } = await db.run('INSERT INTO orders (dish, quantity) VALUES (?, ?)', dish, quantity);
  res.status(201).json({ id: lastID, dish, quantity });
});

export default app;
