import { describe, test } from 'vitest';
import { expectRows, expectTable, queryDatabase, writeDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';
import { FIRST_BOOKS, expectJsonType, needsBooksTable } from './books.js';

/** A book the check writes into the table itself, to see whether the app reads the table. */
async function addBook(title) {
  const book = { title, author: 'The Kitchen Check', year: 2024 };
  const { lastID } = await writeDatabase('INSERT INTO books (title, author, year) VALUES (?, ?, ?)', [
    book.title,
    book.author,
    book.year,
  ]);
  return { id: lastID, ...book };
}

function allBooks() {
  return queryDatabase('SELECT id, title, author, year FROM books ORDER BY id');
}

describe('1. Create the books table and fill it', () => {
  test('when the app starts, the database has a books table with the columns id, title, author and year', async () => {
    await learnerApp();
    await expectTable('books', {
      id: 'INTEGER PRIMARY KEY',
      title: 'TEXT NOT NULL',
      author: 'TEXT NOT NULL',
      year: 'INTEGER NOT NULL',
    });
  });

  test('the books table holds the five first books, once each, with the ids 1 to 5', async () => {
    await learnerApp();
    for (const [index, book] of FIRST_BOOKS.entries()) {
      await expectRows('books', { title: book.title }, [{ id: index + 1, author: book.author, year: book.year }]);
    }
  });
});

describe('2. List the books', () => {
  test('GET /books answers 200 with every book in the table, ordered by id', async () => {
    await needsBooksTable();
    const res = await request('GET', '/books');
    res.expectStatus(200);
    expectJsonType(res);
    res.expectJson(await allBooks());
  });

  test('GET /books reads the table at every request: a book added to the table is listed too', async () => {
    await needsBooksTable();
    const added = await addBook('A book the check added');
    const res = await request('GET', '/books');
    res.expectStatus(200);
    res.expect(
      Array.isArray(res.body) && res.body.some((book) => book?.id === added.id && book?.title === added.title),
      `the list to include the book the check wrote into the books table, ${JSON.stringify(added)}: ` +
        'answer with the rows a SELECT reads from the table, not with the firstBooks array',
    );
  });
});

describe('3. Find one book by its id', () => {
  test('GET /books/:id answers 200 with that book', async () => {
    await needsBooksTable();
    const [book] = await queryDatabase('SELECT id, title, author, year FROM books WHERE title = ?', ['Kitchen Confidential']);
    const res = await request('GET', `/books/${book.id}`);
    res.expectStatus(200);
    expectJsonType(res);
    res.expectJson(book);
  });

  test('GET /books/:id finds a book that was added to the table after the app started', async () => {
    await needsBooksTable();
    const added = await addBook('Another book the check added');
    const res = await request('GET', `/books/${added.id}`);
    res.expectStatus(200);
    res.expectJson(added);
  });

  test('GET /books/999 answers 404 with a JSON error when there is no such book', async () => {
    await needsBooksTable();
    const res = await request('GET', '/books/999');
    res.expectError(404);
  });

  test('GET /books/abc answers 404 with a JSON error: an id that is not a number finds no book', async () => {
    await needsBooksTable();
    const res = await request('GET', '/books/abc');
    res.expectError(404);
  });
});
