import express from 'express';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';

const app = express();

// One connection to the database file, opened when the app starts. The checks give your app a fresh
// file of its own (DATABASE_FILE); when you press Run it uses kitchen.db, which stays between runs.
const db = await open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database });

// The books the shelf starts with. Don't change them: the checks look for them.
const firstBooks = [
  { title: 'The Joy of Cooking', author: 'Irma S. Rombauer', year: 1931 },
  { title: 'Mastering the Art of French Cooking', author: 'Julia Child', year: 1961 },
  { title: 'Kitchen Confidential', author: 'Anthony Bourdain', year: 2000 },
  { title: 'The Food Lab', author: 'J. Kenji López-Alt', year: 2015 },
  { title: 'Salt, Fat, Acid, Heat', author: 'Samin Nosrat', year: 2017 },
];

// IF NOT EXISTS: on every start after the first, the table is already there, with its books.
await db.exec(`
  CREATE TABLE IF NOT EXISTS books (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    author TEXT NOT NULL,
    year INTEGER NOT NULL
  )
`);

// Fill the shelf only when it is empty, so a restart does not add the same books again.
const { count } = await db.get('SELECT count(*) AS count FROM books');
if (count === 0) {
  for (const book of firstBooks) {
    await db.run('INSERT INTO books (title, author, year) VALUES (?, ?, ?)', book.title, book.author, book.year);
  }
}

app.get('/books', async (req, res) => {
  const books = await db.all('SELECT id, title, author, year FROM books ORDER BY id');
  res.json(books);
});

app.get('/books/:id', async (req, res) => {
  // The ? is filled in by SQLite with the value from the URL. An id like "abc" simply matches no row.
  const book = await db.get('SELECT id, title, author, year FROM books WHERE id = ?', req.params.id);
  if (!book) {
    return res.status(404).json({ error: `There is no book with id ${req.params.id}.` });
  }
  res.json(book);
});

export default app;
