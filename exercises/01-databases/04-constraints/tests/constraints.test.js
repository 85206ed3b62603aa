import { describe, test } from 'vitest';
import { countRows, expectTable, readDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';
import { currentTaskId, fail } from '../grading/runtime.js';

// ---- Task 1: trying rows on a copy of the learner's table -----------------------------------------

/**
 * Rebuilds the learner's users table (with its indexes and triggers) as a TEMP table on a read-only
 * connection to their database file, runs `rows` into it one by one, and returns what happened to
 * the last one: undefined when it was stored, else SQLite's error message. The learner's file is
 * never written: TEMP tables live in the connection's own temporary database.
 */
async function tryRows(rows) {
  await learnerApp();
  const db = await readDatabase();
  try {
    const objects = await db.all(
      "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'users' COLLATE NOCASE AND sql IS NOT NULL AND type IN ('table', 'index', 'trigger')",
    );
    const table = objects.find((object) => object.type === 'table');
    if (!table) fail(`Task ${currentTaskId()} · your database file has no "users" table. Create it when the app starts.`);
    // sqlite_master keeps each CREATE statement with its keywords in upper case, without IF NOT EXISTS.
    const copies = [
      table.sql.replace(/^CREATE TABLE /, 'CREATE TEMP TABLE '),
      ...objects.filter((object) => object.type === 'index').map((object) => object.sql.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX temp.')),
      ...objects.filter((object) => object.type === 'trigger').map((object) => object.sql.replace(/^CREATE TRIGGER /, 'CREATE TEMP TRIGGER ')),
    ];
    for (const sql of copies) await db.all(sql);
    let outcome;
    for (const row of rows) {
      try {
        await db.all('INSERT INTO temp.users (email, name, age) VALUES (?, ?, ?)', [row.email, row.name, row.age]);
        outcome = undefined;
      } catch (error) {
        outcome = String(error.message).replace(/^SQLITE_\w+:\s*/, '');
      }
    }
    return outcome;
  } finally {
    await db.close();
  }
}

/** "email "x@example.com", name NULL, age 12" */
function describeRow(row) {
  return Object.entries(row)
    .map(([column, value]) => `${column} ${value === null ? 'NULL' : JSON.stringify(value)}`)
    .join(', ');
}

/** Fails unless the table refuses the last of `rows`. */
async function expectRefused(rows, what, fix) {
  const outcome = await tryRows(rows);
  if (outcome === undefined) {
    fail(
      `Task ${currentTaskId()} · the "users" table in your database file accepts ${what} (${describeRow(rows.at(-1))}). ` +
        `${fix} The check tried this row on a copy of your table.`,
    );
  }
}

const ok = (email) => ({ email, name: 'Ada', age: 36 });

describe('1. Let the table refuse bad rows', () => {
  test('the users table has the columns id, email, name and age', async () => {
    await learnerApp();
    await expectTable('users', ['id', 'email', 'name', 'age']);
  });

  test('the table accepts a valid row, even for a 13-year-old', async () => {
    const row = { email: 'young@example.com', name: 'Tim', age: 13 };
    const outcome = await tryRows([row]);
    if (outcome !== undefined) {
      fail(
        `Task ${currentTaskId()} · the "users" table in your database file refuses a valid row (${describeRow(row)}): ` +
          `"${outcome}". Only ages under 13 are refused, so 13 must be allowed.`,
      );
    }
  });

  test('the table refuses a second row with an email that another row already has', async () => {
    await expectRefused(
      [ok('twice@example.com'), { email: 'twice@example.com', name: 'Grace', age: 40 }],
      'a second row with an email another row already has',
      'Make the email column UNIQUE.',
    );
  });

  test('the table refuses a row without an email', async () => {
    await expectRefused([{ email: null, name: 'Ada', age: 36 }], 'a row without an email', 'Make the email column NOT NULL.');
  });

  test('the table refuses a row without a name', async () => {
    await expectRefused([{ email: 'noname@example.com', name: null, age: 36 }], 'a row without a name', 'Make the name column NOT NULL.');
  });

  test('the table refuses a row without an age', async () => {
    await expectRefused([{ email: 'noage@example.com', name: 'Ada', age: null }], 'a row without an age', 'Make the age column NOT NULL.');
  });

  test('the table refuses a row whose age is under 13', async () => {
    await expectRefused(
      [{ email: 'twelve@example.com', name: 'Tim', age: 12 }],
      'a row whose age is under 13',
      'Add a CHECK on the age column that is false for ages under 13.',
    );
  });
});

// ---- Tasks 2 and 3: the app's answers -------------------------------------------------------------

/** Signs a user up and returns the reply. */
function signUp(body) {
  return request('POST', '/users', { body });
}

/**
 * Fails unless the reply is `status` with { error, field }. When the app stored the row instead, says
 * that the table's rule (task 1) is what would have refused it.
 */
async function expectFieldError(res, status, field, storedWhat, rule, fieldHint = '') {
  if (res.status === 201 && storedWhat) {
    const stored = await storedWhat();
    res.expect(
      !stored,
      `status ${status}, got 201: the users table stored ${stored}. This needs task 1 first: ${rule}`,
    );
  }
  res.expectError(status);
  res.expect(res.body.field === field, `"field" to be "${field}"; got ${JSON.stringify(res.body.field)}${fieldHint}`);
}

describe('2. Answer a taken email with 409', () => {
  test('a sign-up with an email another user already has answers 409 with field "email"', async () => {
    const email = 'taken@example.com';
    const first = await signUp({ email, name: 'Ada', age: 36 });
    first.expectStatus(201);
    const res = await signUp({ email, name: 'Grace', age: 40 });
    await expectFieldError(
      res,
      409,
      'email',
      async () => {
        const count = await countRows('users', { email });
        return count > 1 ? `${count} users with the email ${email}` : undefined;
      },
      'a UNIQUE email column refuses the second one.',
    );
  });

  test('a refused sign-up stores nothing: the table keeps one user with that email', async () => {
    const email = 'once@example.com';
    (await signUp({ email, name: 'Ada', age: 36 })).expectStatus(201);
    const res = await signUp({ email, name: 'Linus', age: 28 });
    res.expectError(409);
    const count = await countRows('users', { email });
    res.expect(count === 1, `the users table to keep 1 user with the email ${email}; it has ${count}`);
  });

  test('two sign-ups with the same email at the same moment get one 201 and one 409, never a 500', async () => {
    const email = 'together@example.com';
    // The same body twice, and the statuses in order: which of the two loses the race changes from
    // run to run, and the message must not.
    const body = { email, name: 'Margaret', age: 33 };
    const replies = await Promise.all([signUp(body), signUp(body)]);
    const statuses = replies.map((res) => res.status).sort();
    const answered = statuses.join(' and ');
    const last = replies.find((res) => res.status !== 201) ?? replies[1];
    if (statuses[0] === 201 && statuses[1] === 201) {
      const count = await countRows('users', { email });
      last.expect(
        count < 2,
        `one 201 and one 409; both answered 201 and the users table now holds ${count} users with the email ${email}. ` +
          'This needs task 1 first: a UNIQUE email column refuses the second one',
      );
    }
    const why = statuses.includes(500)
      ? '. Checking for the email with a SELECT first is not enough when both requests look before either ' +
        "inserts: let the UNIQUE constraint refuse the second, and turn its error into the 409"
      : '';
    last.expect(statuses[0] === 201 && statuses[1] === 409, `one 201 and one 409; they answered ${answered}${why}`);
  });
});

/** Checks that a refused sign-up answers 400 naming `field` and leaves the table as it was. */
async function expectRejected(body, field, rule, fieldHint) {
  await learnerApp();
  const before = await countRows('users');
  const res = await signUp(body);
  await expectFieldError(
    res,
    400,
    field,
    async () => {
      const after = await countRows('users');
      return after > before ? `the row (${describeRow(body)})` : undefined;
    },
    rule,
    fieldHint,
  );
  const after = await countRows('users');
  res.expect(after === before, `nothing to be stored; the users table went from ${before} to ${after} rows`);
}

describe('3. Answer a missing or wrong field with 400', () => {
  test('a sign-up without an email answers 400 with field "email" and stores nothing', async () => {
    await expectRejected({ name: 'Ada', age: 36 }, 'email', 'a NOT NULL email column refuses it.');
  });

  test('a sign-up without a name answers 400 with field "name" and stores nothing', async () => {
    await expectRejected({ email: 'nameless@example.com', age: 36 }, 'name', 'a NOT NULL name column refuses it.');
  });

  test('a sign-up without an age answers 400 with field "age" and stores nothing', async () => {
    await expectRejected({ email: 'ageless@example.com', name: 'Ada' }, 'age', 'a NOT NULL age column refuses it.');
  });

  test('a sign-up with an age of 12 answers 400 with field "age" and stores nothing', async () => {
    await expectRejected(
      { email: 'kid@example.com', name: 'Tim', age: 12 },
      'age',
      'a CHECK on the age column refuses it.',
      '. Older SQLite versions report an unnamed CHECK only by the table\'s name: give yours a name that says ' +
        'which field it guards (CONSTRAINT age_… CHECK (…)), and look for that name in the error message',
    );
  });
});
