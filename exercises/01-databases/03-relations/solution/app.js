import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// SQLite enforces REFERENCES (and ON DELETE CASCADE) only on a connection that turns foreign keys on.
await db.exec('PRAGMA foreign_keys = ON');

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

/** A post with its author, as one row: the author's columns renamed so they don't clash with the post's. */
function findPost(id) {
  return db.get(
    `SELECT p.id, p.title, p.body, u.id AS author_id, u.name AS author_name
     FROM posts AS p
     JOIN users AS u ON u.id = p.author_id
     WHERE p.id = ?`,
    id,
  );
}

function notFound(res, id) {
  return res.status(404).json({ error: `There is no post with id ${id}.` });
}

app.get('/posts/:id', async (req, res) => {
  const post = await findPost(req.params.id);
  if (!post) return notFound(res, req.params.id);

  const comments = await db.all(
    `SELECT c.id, c.body, u.id AS author_id, u.name AS author_name
     FROM comments AS c
     JOIN users AS u ON u.id = c.author_id
     WHERE c.post_id = ?
     ORDER BY c.id`,
    post.id,
  );

  res.json({
    id: post.id,
    title: post.title,
    body: post.body,
    author: { id: post.author_id, name: post.author_name },
    comments: comments.map((comment) => ({
      id: comment.id,
      body: comment.body,
      author: { id: comment.author_id, name: comment.author_name },
    })),
  });
});

app.post('/posts/:id/comments', async (req, res) => {
  // The path names the post: when there is no such post, the comment has nowhere to go.
  const post = await db.get('SELECT id FROM posts WHERE id = ?', req.params.id);
  if (!post) return notFound(res, req.params.id);

  const { authorId, body } = req.body ?? {};
  if (typeof body !== 'string' || body === '') {
    return res.status(400).json({ error: '"body" must be a string that is not empty.' });
  }
  const author = await db.get('SELECT id, name FROM users WHERE id = ?', authorId ?? null);
  if (!author) {
    return res.status(400).json({ error: `"authorId" must be the id of a user; there is no user ${JSON.stringify(authorId)}.` });
  }

  const { lastID } = await db.run(
    'INSERT INTO comments (post_id, author_id, body) VALUES (?, ?, ?)',
    post.id,
    author.id,
    body,
  );
  res.status(201).json({ id: lastID, body, author });
});

app.delete('/posts/:id', async (req, res) => {
  // With foreign keys on, ON DELETE CASCADE deletes the post's comments along with it.
  const { changes } = await db.run('DELETE FROM posts WHERE id = ?', req.params.id);
  if (changes === 0) return notFound(res, req.params.id);
  res.status(204).end();
});

export default app;
