import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// TODO (task 5): SQLite only enforces REFERENCES (and ON DELETE CASCADE) on a connection that has
// turned foreign keys on.

// The tables, made on the first start. Don't change them: the checks read them.
await db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users (id),
    body TEXT NOT NULL
  );
`);

// A few cooks, posts and comments to try your routes on, added when the database is new.
const { count } = await db.get('SELECT count(*) AS count FROM users');
if (count === 0) {
  await db.exec(`
    INSERT INTO users (id, name) VALUES (1, 'Ada'), (2, 'Bruno'), (3, 'Chen');
    INSERT INTO posts (id, author_id, title, body) VALUES
      (1, 1, 'Tomato soup, three ways', 'Roasted, raw or simmered: which one wins?'),
      (2, 2, 'Sharp knives are safe knives', 'A dull knife slips; a sharp one goes where you send it.'),
      (3, 3, 'Bread that rises', 'Warm water, not hot, and time.');
    INSERT INTO comments (id, post_id, author_id, body) VALUES
      (1, 1, 2, 'Roasted, every time.'),
      (2, 1, 3, 'Raw, with good olive oil.'),
      (3, 2, 1, 'And a honing steel before each shift.'),
      (4, 3, 1, 'Mine never rises. Too cold?'),
      (5, 3, 2, 'Try the top of the fridge: it is warm there.');
  `);
}

// TODO (task 1): GET /posts/:id answers the post with its author, { id, name }, or 404.
// TODO (task 2): ... and its comments, each with its author.

// TODO (task 3): POST /posts/:id/comments stores a comment and answers 201 with it.
// TODO (task 4): ... or 404 when the post does not exist, 400 when the author does not.

// TODO (task 5): DELETE /posts/:id deletes the post and its comments and answers 204.

export default app;
