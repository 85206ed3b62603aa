// What the tests of this exercise share: the first books and the check that task 1 is done.
import { tableColumns } from '../grading/db.js';
import { learnerApp } from '../grading/http.js';
import { currentTaskId, fail } from '../grading/runtime.js';

/** The books app.js starts with, in order: they get the ids 1 to 5. */
export const FIRST_BOOKS = [
  { title: 'The Joy of Cooking', author: 'Irma S. Rombauer', year: 1931 },
  { title: 'Mastering the Art of French Cooking', author: 'Julia Child', year: 1961 },
  { title: 'Kitchen Confidential', author: 'Anthony Bourdain', year: 2000 },
  { title: 'The Food Lab', author: 'J. Kenji López-Alt', year: 2015 },
  { title: 'Salt, Fat, Acid, Heat', author: 'Samin Nosrat', year: 2017 },
];

/** Starts the app and fails with "this needs task 1 first" unless it has made a books table. */
export async function needsBooksTable() {
  await learnerApp();
  const names = (await tableColumns('books')).map((column) => column.name.toLowerCase());
  if (!['id', 'title', 'author', 'year'].every((name) => names.includes(name))) {
    fail(
      `Task ${currentTaskId()} · this needs task 1 first: when your app starts, it must create a books table ` +
        'with the columns id, title, author and year.',
    );
  }
}

/** The reply's content type says JSON. */
export function expectJsonType(res) {
  const type = res.headers['content-type'];
  res.expect(/json/i.test(type ?? ''), `a JSON content type (answer with res.json(…)); the content-type is ${type ? `"${type}"` : 'missing'}`);
}
