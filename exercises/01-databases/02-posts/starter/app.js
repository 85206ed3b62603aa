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

// TODO (task 1): POST /posts stores a post and answers 201, a Location header and the post.

// TODO (task 2): GET /posts answers every post; GET /posts/:id answers one, or 404.

// TODO (task 3): PUT /posts/:id replaces a post; PATCH /posts/:id changes the fields it is sent.

// TODO (task 4): DELETE /posts/:id deletes a post and answers 204.

// TODO (task 5): a post without a proper title or body answers 400 with { "error": "..." }.

export default app;
