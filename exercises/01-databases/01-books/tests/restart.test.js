import { describe, test } from 'vitest';
import { queryDatabase, writeDatabase } from '../grading/db.js';
import { restartedApp } from '../grading/http.js';
import { fail } from '../grading/runtime.js';
import { FIRST_BOOKS, needsBooksTable } from './books.js';

describe('4. Keep the books when the app restarts', () => {
  test('a restart does not add the first books again', async () => {
    await needsBooksTable();
    await restartedApp();
    for (const book of FIRST_BOOKS) {
      const [{ copies }] = await queryDatabase('SELECT count(*) AS copies FROM books WHERE title = ?', [book.title]);
      if (copies !== 1) {
        fail(
          `Task 4 · after the app was stopped and started again, the books table holds "${book.title}" ${copies} times. ` +
            'Your app puts the first books in again at every start: add them only when the table is empty.',
        );
      }
    }
  });

  test('a book in the table before a restart is still there after it', async () => {
    await needsBooksTable();
    const book = { title: 'Written before the restart', author: 'The Kitchen Check', year: 2024 };
    const { lastID } = await writeDatabase('INSERT INTO books (title, author, year) VALUES (?, ?, ?)', [
      book.title,
      book.author,
      book.year,
    ]);
    await restartedApp();
    const rows = await queryDatabase('SELECT title FROM books WHERE id = ?', [lastID]);
    if (rows[0]?.title !== book.title) {
      fail(
        `Task 4 · the check wrote the book "${book.title}" (id ${lastID}) into the books table, stopped your app and ` +
          'started it again: now the book is gone. Does your app drop or empty the table when it starts? ' +
          'CREATE TABLE IF NOT EXISTS leaves a table that is already there alone, rows and all.',
      );
    }
  });
});
