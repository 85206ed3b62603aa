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

// TODO (task 1): POST /todos stores a to-do and answers 201, a Location header and the to-do.

// TODO (task 2): GET /todos answers every to-do; GET /todos/:id answers one, or 404.

// TODO (task 3): PATCH /todos/:id changes the fields it is sent.

// TODO (task 4): DELETE /todos/:id deletes a to-do and answers 204.

// TODO (task 5): a method that /todos or /todos/:id does not support answers 405 and an Allow header.

export default app;
