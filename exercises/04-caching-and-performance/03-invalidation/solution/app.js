import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import { LRUCache } from 'lru-cache';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The menu, made on the first start. Don't change the table: the checks read and write it.
await db.exec(`
  CREATE TABLE IF NOT EXISTS dishes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    price_cents INTEGER NOT NULL,
    description TEXT NOT NULL
  );
  INSERT OR IGNORE INTO dishes (id, name, category, price_cents, description) VALUES
    (1, 'Tomato soup', 'starter', 650, 'Slow-roasted tomatoes, basil oil.'),
    (2, 'Burrata', 'starter', 900, 'With peaches and toasted hazelnuts.'),
    (3, 'Risotto ai funghi', 'main', 1450, 'Porcini, parmesan, a little lemon.'),
    (4, 'Roast chicken', 'main', 1600, 'Half a chicken, jus, fries.'),
    (5, 'Lemon tart', 'dessert', 700, 'Sharp lemon curd, crisp pastry.'),
    (6, 'Chocolate mousse', 'dessert', 750, 'Dark chocolate, sea salt.');
`);

// The kitchen's real database is far away: every read takes about a quarter of a second. Don't
// change these two functions: read dishes only through them (the cache is how you call them less).
const farAway = () => new Promise((resolve) => setTimeout(resolve, 250));

async function readMenu() {
  await farAway();
  return db.all('SELECT id, name, category, price_cents AS priceCents FROM dishes ORDER BY id');
}

async function readDish(id) {
  await farAway();
  return db.get('SELECT id, name, category, price_cents AS priceCents, description FROM dishes WHERE id = ?', [id]);
}

const DISH = 'dish:';

const cache = new LRUCache({
  // At most 500 answers in memory; the least recently used one goes first when it is full.
  max: 500,
  // Each answer is used for one minute after it was read, then read again: changes made behind the
  // app's back show within a minute. (Reading an entry does not make it live longer.)
  ttl: 60_000,
  // On a miss, cache.fetch(key) calls this once, and every request that misses the same key while it
  // runs waits for that call: a stampede of misses reads the database once.
  fetchMethod: (key) => (key === 'menu' ? readMenu() : readDish(key.slice(DISH.length))),
  // A PATCH that deletes a key while its fetch runs would make the requests waiting for it reject
  // (Error('deleted'), a 500): they get what was read instead, and the key stays empty.
  ignoreFetchAbort: true,
});

/** The value for `key` through the cache, and where it came from: 'HIT' or 'MISS'. */
async function cached(key) {
  const status = {};
  const value = await cache.fetch(key, { status });
  return { value, source: status.fetch === 'hit' ? 'HIT' : 'MISS' };
}

// The whole menu: GET /menu
app.get('/menu', async (req, res) => {
  const { value: dishes, source } = await cached('menu');
  res.set('X-Cache', source);
  res.json(dishes);
});

// One dish: GET /dishes/3
app.get('/dishes/:id', async (req, res) => {
  const { id } = req.params;
  const { value: dish, source } = await cached(`${DISH}${id}`);
  res.set('X-Cache', source);
  if (!dish) return res.status(404).json({ error: `There is no dish ${id}.` });
  res.json(dish);
});

// A new price for a dish: PATCH /dishes/3 with { "priceCents": 1550 }
app.patch('/dishes/:id', async (req, res) => {
  const { id } = req.params;
  const priceCents = req.body?.priceCents;
  if (!Number.isInteger(priceCents) || priceCents <= 0) {
    return res.status(400).json({ error: '"priceCents" must be a whole number of cents above 0.' });
  }
  const { changes } = await db.run('UPDATE dishes SET price_cents = ? WHERE id = ?', [priceCents, id]);
  if (changes === 0) return res.status(404).json({ error: `There is no dish ${id}.` });
  // The database has the new price: forget every answer that showed the old one, the dish's own and
  // the menu that lists it. The next read of each is a MISS that fetches the new price.
  cache.delete(`${DISH}${id}`);
  cache.delete('menu');
  res.json(await db.get('SELECT id, name, category, price_cents AS priceCents, description FROM dishes WHERE id = ?', [id]));
});

export default app;
