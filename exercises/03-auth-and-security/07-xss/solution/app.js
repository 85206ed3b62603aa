import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import helmet from 'helmet';

const app = express();
app.use(express.urlencoded({ extended: false }));

// A Content Security Policy on every answer. helmet's default policy has `script-src 'self'` and
// `script-src-attr 'none'`: no inline <script>, no onerror="…" attributes, only scripts from this site.
app.use(helmet());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The reviews table, made on the first start. Don't change it: the checks read it.
await db.exec(`
  CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    text TEXT NOT NULL
  )
`);

/** Text made safe to write into HTML, between tags or inside a quoted attribute value. */
function escapeHtml(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function reviewItem(review) {
  const name = escapeHtml(review.name);
  return `
      <li class="review" title="Review by ${name}">
        <strong class="name">${name}</strong>
        <p class="text">${escapeHtml(review.text)}</p>
      </li>`;
}

app.get('/reviews', async (req, res) => {
  const reviews = await db.all('SELECT id, name, text FROM reviews ORDER BY id');
  res.type('html').send(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Reviews · The Kitchen</title>
  </head>
  <body>
    <h1>What our guests say</h1>
    <ul class="reviews">${reviews.map(reviewItem).join('')}
    </ul>
    <form method="post" action="/reviews">
      <label>Your name <input name="name" required></label>
      <label>Your review <textarea name="text" required></textarea></label>
      <button>Send</button>
    </form>
  </body>
</html>
`);
});

// Reviews are stored exactly as they were typed: escaping belongs to the moment they are written
// into HTML, because only then do we know the context (HTML, JSON, an e-mail…).
app.post('/reviews', async (req, res) => {
  const { name, text } = req.body;
  await db.run('INSERT INTO reviews (name, text) VALUES (?, ?)', name, text);
  res.redirect(303, '/reviews');
});

export default app;
