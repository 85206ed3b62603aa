import { createHash } from 'node:crypto';
import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// Express adds a weak ETag to what res.send and res.json answer, and a 304 when it matches. The
// kitchen switched that off to show what the app answers on its own: the menu sets an ETag itself.
app.set('etag', false);

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The tables, made and filled on the first start. Don't change them: the checks read them.
// updated_at is when a dish last changed, as an ISO 8601 time in UTC.
await db.exec(`
  CREATE TABLE IF NOT EXISTS dishes (
    id INTEGER PRIMARY KEY,
    name_en TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS guests (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE
  );
  INSERT OR IGNORE INTO dishes (id, name_en, name_fr, price_cents, updated_at) VALUES
    (1, 'Tomato soup', 'Soupe à la tomate', 650, '2026-11-02T09:00:00.000Z'),
    (2, 'Mushroom risotto', 'Risotto aux champignons', 1450, '2026-11-03T17:45:12.000Z'),
    (3, 'Lemon tart', 'Tarte au citron', 700, '2026-11-01T08:00:00.000Z');
  INSERT OR IGNORE INTO guests (id, name, address, token) VALUES
    (1, 'Ana', '12 Rue des Lilas, Lyon', 'ana-secret-token'),
    (2, 'Ben', '4 Mill Lane, York', 'ben-secret-token');
`);

app.get('/menu', async (req, res) => {
  const language = req.acceptsLanguages('en', 'fr') || 'en';
  const dishes = await db.all(
    `SELECT id, name_${language} AS name, price_cents AS priceCents FROM dishes ORDER BY id`,
  );
  const { lastChange } = await db.get('SELECT MAX(updated_at) AS lastChange FROM dishes');
  const body = JSON.stringify(dishes);

  res.set({
    'Cache-Control': 'public, max-age=300',
    Vary: 'Accept-Language',
    // A strong ETag: a hash of the exact bytes, so it changes whenever the body does.
    ETag: `"${createHash('sha256').update(body).digest('base64url')}"`,
    'Last-Modified': new Date(lastChange).toUTCString(),
  });
  // req.fresh compares If-None-Match with the ETag (or, without If-None-Match, If-Modified-Since
  // with Last-Modified): when the client's copy is still right, a 304 without a body says so.
  if (req.fresh) return res.status(304).end();
  res.type('json').send(body);
});

// The kitchen changes a price: the menu changes with it.
app.put('/menu/:id/price', async (req, res) => {
  const { priceCents } = req.body ?? {};
  if (!Number.isInteger(priceCents) || priceCents <= 0) {
    return res.status(400).json({ error: 'priceCents must be a whole number of cents above 0' });
  }
  const { changes } = await db.run(
    'UPDATE dishes SET price_cents = ?, updated_at = ? WHERE id = ?',
    priceCents,
    new Date().toISOString(),
    req.params.id,
  );
  if (changes === 0) return res.status(404).json({ error: 'No such dish' });
  res.json(await db.get('SELECT id, name_en AS name, price_cents AS priceCents FROM dishes WHERE id = ?', req.params.id));
});

// One guest's own details: no cache, shared or in the browser, may keep a copy.
app.get('/account', async (req, res) => {
  res.set('Cache-Control', 'no-store');
  const token = req.get('authorization')?.replace(/^Bearer /, '');
  const guest = token && (await db.get('SELECT name, address FROM guests WHERE token = ?', token));
  if (!guest) return res.status(401).json({ error: 'Send Authorization: Bearer <your token>' });
  res.json(guest);
});

export default app;
