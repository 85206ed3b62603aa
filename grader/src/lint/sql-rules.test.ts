import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('sql rules', () => {
  test('reports SQL newer than SQLite 3.34 in SQL strings and .sql files, but not in prose, identifiers or SQL comments', () => {
    expect(lintFixture('sql')).toMatchInlineSnapshot(`
      "exercises/00-basics/01-hello/solution/app.js:10 — ") STRICT" uses STRICT tables, added in SQLite 3.37; learners' browsers run SQLite 3.34, where this SQL fails — drop STRICT and add CHECK constraints, e.g. CHECK (typeof(price) = 'integer')
      exercises/00-basics/01-hello/solution/app.js:14 — "RETURNING" uses RETURNING, added in SQLite 3.35; learners' browsers run SQLite 3.34, where this SQL fails — run the write, then read this.lastID / this.changes in the db.run callback, or SELECT the row afterwards
      exercises/00-basics/01-hello/solution/app.js:20 — warning: "sqrt(" uses built-in math functions (SQLite 3.35+), which the browser's SQLite may lack — use arithmetic (x % y, CAST(x AS INTEGER), round()) or compute it in JavaScript; they only exist when SQLite was compiled with SQLITE_ENABLE_MATH_FUNCTIONS
      exercises/00-basics/01-hello/solution/app.js:20 — "->>" uses the -> and ->> JSON operators, added in SQLite 3.38; learners' browsers run SQLite 3.34, where this SQL fails — use json_extract(column, '$.field')
      exercises/00-basics/01-hello/solution/app.js:21 — "concat(" uses concat(), added in SQLite 3.44; learners' browsers run SQLite 3.34, where this SQL fails — use the || operator: a || ' ' || b
      exercises/00-basics/01-hello/starter/schema.sql:3 — "RIGHT JOIN" uses RIGHT and FULL OUTER JOIN, added in SQLite 3.39; learners' browsers run SQLite 3.34, where this SQL fails — swap the two tables and use LEFT JOIN"
    `);
  });
});
