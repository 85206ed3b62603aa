import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();
app.use(express.json());

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The todos table, made on the first start. Don't change it: the checks read it. SQLite has no true
// or false: done is 0 (not done) or 1 (done) in the table, and false or true in every JSON answer.
await db.exec(`
  CREATE TABLE IF NOT EXISTS todos (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
  )
`);

/** A row of the table as the API shows it: done as true or false. */
function toTodo(row) {
  return { id: row.id, title: row.title, done: row.done === 1 };
}

function findTodo(id) {
  return db.get('SELECT id, title, done FROM todos WHERE id = ?', id);
}

/** A 405 handler: the path exists, the method does not, and Allow lists the ones that do. */
function methodNotAllowed(allowed) {
  return (req, res) => {
    res.set('Allow', allowed.join(', '));
    res.status(405).json({ error: `${req.method} is not allowed on ${req.path}; use ${allowed.join(', ')}.` });
  };
}

app
  .route('/todos')
  .get(async (req, res) => {
    const rows = await db.all('SELECT id, title, done FROM todos ORDER BY id');
    res.json(rows.map(toTodo));
  })
  .post(async (req, res) => {
    const { lastID } = await db.run('INSERT INTO todos (title) VALUES (?)', req.body.title);
    res.status(201).location(`/todos/${lastID}`).json(toTodo(await findTodo(lastID)));
  })
  .all(methodNotAllowed(['GET', 'POST']));

app
  .route('/todos/:id')
  .get(async (req, res) => {
    const row = await findTodo(req.params.id);
    if (!row) return res.status(404).json({ error: `There is no to-do with id ${req.params.id}.` });
    res.json(toTodo(row));
  })
  .patch(async (req, res) => {
    const row = await findTodo(req.params.id);
    if (!row) return res.status(404).json({ error: `There is no to-do with id ${req.params.id}.` });
    // A field that was not sent keeps its stored value.
    const title = req.body.title ?? row.title;
    const done = 'done' in req.body ? (req.body.done ? 1 : 0) : row.done;
    await db.run('UPDATE todos SET title = ?, done = ? WHERE id = ?', title, done, row.id);
    res.json(toTodo({ id: row.id, title, done }));
  })
  .delete(async (req, res) => {
    const { changes } = await db.run('DELETE FROM todos WHERE id = ?', req.params.id);
    if (changes === 0) return res.status(404).json({ error: `There is no to-do with id ${req.params.id}.` });
    res.status(204).end();
  })
  .all(methodNotAllowed(['GET', 'PATCH', 'DELETE']));

export default app;
