import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The posts table, made on the first start. Don't change it: the checks read it.
await db.exec(`
  CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL
  )
`);

// Every value that comes from a request goes into the SQL through a ? placeholder, never by pasting
// it into the SQL text.

/**
 * A sentence saying what is wrong with a post sent in a request, or undefined when it is fine. With
 * `partial` (PATCH), only the fields that were sent are checked.
 */
function findProblem(post, { partial = false } = {}) {
  if (post === null || typeof post !== 'object' || Array.isArray(post)) {
    return 'Send the post as a JSON object with a "title" and a "body".';
  }
  if ((!partial || 'title' in post) && (typeof post.title !== 'string' || post.title === '')) {
    return '"title" must be a string that is not empty.';
  }
  if ((!partial || 'body' in post) && typeof post.body !== 'string') {
    return '"body" must be a string.';
  }
  return undefined;
}

function findPost(id) {
  return db.get('SELECT id, title, body FROM posts WHERE id = ?', id);
}

function notFound(res, id) {
  return res.status(404).json({ error: `There is no post with id ${id}.` });
}

app.post('/posts', async (req, res) => {
  const problem = findProblem(req.body);
  if (problem) return res.status(400).json({ error: problem });

  const { title, body } = req.body;
  const { lastID } = await db.run('INSERT INTO posts (title, body) VALUES (?, ?)', title, body);
  res.status(201).location(`/posts/${lastID}`).json({ id: lastID, title, body });
});

app.get('/posts', async (req, res) => {
  res.json(await db.all('SELECT id, title, body FROM posts ORDER BY id'));
});

app.get('/posts/:id', async (req, res) => {
  const post = await findPost(req.params.id);
  if (!post) return notFound(res, req.params.id);
  res.json(post);
});

app.put('/posts/:id', async (req, res) => {
  const problem = findProblem(req.body);
  if (problem) return res.status(400).json({ error: problem });

  const { title, body } = req.body;
  const { changes } = await db.run('UPDATE posts SET title = ?, body = ? WHERE id = ?', title, body, req.params.id);
  if (changes === 0) return notFound(res, req.params.id);
  res.json(await findPost(req.params.id));
});

app.patch('/posts/:id', async (req, res) => {
  const problem = findProblem(req.body, { partial: true });
  if (problem) return res.status(400).json({ error: problem });

  const post = await findPost(req.params.id);
  if (!post) return notFound(res, req.params.id);
  const title = req.body.title ?? post.title;
  const body = req.body.body ?? post.body;
  await db.run('UPDATE posts SET title = ?, body = ? WHERE id = ?', title, body, post.id);
  res.json({ id: post.id, title, body });
});

app.delete('/posts/:id', async (req, res) => {
  const { changes } = await db.run('DELETE FROM posts WHERE id = ?', req.params.id);
  if (changes === 0) return notFound(res, req.params.id);
  res.status(204).end();
});

export default app;
