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

// TODO (task 1): create the books table if it does not exist yet, and put firstBooks in it when it
// is empty.

// TODO (task 2): GET /books answers every book in the table, ordered by id.

// TODO (task 3): GET /books/:id answers one book, or 404 with { "error": "..." }.

export default app;
