/**
 * The grader's SQLite helpers (exercises/_template/grading/db.js) against real SQLite files: a
 * "learner" connection writes through the `sqlite` wrapper or sqlite3's callbacks, and the helpers
 * read, count and explain as they do in a check.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { open } from 'sqlite';
import type { Database } from 'sqlite';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  countQueries,
  expectIndexUsed,
  expectRow,
  expectRows,
  expectTable,
  installNodeSqliteCounter,
  installQueryCounter,
  planAccess,
  queryPlan,
  readDatabase,
  tableColumns,
  writeDatabase,
} from '../../exercises/_template/grading/db.js';

// countQueries() first makes sure the learner's app is loaded; here there is no app.js to load.
vi.mock('../../exercises/_template/grading/http.js', () => ({ learnerApp: async () => undefined }));

let dir = '';
let app: Database;
const originalFile = process.env.DATABASE_FILE;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'grading-db-'));
  process.env.DATABASE_FILE = join(dir, 'check.db');
  installQueryCounter(sqlite3);
});

afterAll(async () => {
  await app?.close();
  process.env.DATABASE_FILE = originalFile;
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the error a promise rejects with (and fails if it does not). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the helper to fail');
}

describe('1. Before the app has a database', () => {
  test('readDatabase says the app has not created its file, and how to open it', async () => {
    expect(await failure(readDatabase())).toMatchInlineSnapshot(
      `"Task 1 · your app has not created its database file yet: open it with process.env.DATABASE_FILE, e.g. \`open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database })\`. In a check, that variable names a fresh, empty file, so every check starts from an empty database."`,
    );
  });

  test('the app opening another file is named in the message', async () => {
    const other = new sqlite3.Database(join(dir, 'kitchen.db'));
    await new Promise((done) => other.run('CREATE TABLE t (x)', done));
    const message = await failure(readDatabase());
    await new Promise((done) => other.close(done));
    expect(message).toContain('Your app opened "');
    expect(message).toContain('kitchen.db", not the file named in process.env.DATABASE_FILE');
  });
});

describe('2. Tables and rows', () => {
  beforeAll(async () => {
    app = await open({ filename: process.env.DATABASE_FILE!, driver: sqlite3.Database });
    await app.exec(
      'CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body VARCHAR(200), views INT, note)',
    );
    await app.run(
      "INSERT INTO posts (id, title, body, views) VALUES (3, 'Stew', 'Hot', 7), (4, 'Soup', '', 0)",
    );
  });

  test('expectRow passes on a matching row and names what differs otherwise', async () => {
    await expect(expectRow('posts', { id: 3 }, { title: 'Stew', views: 7 })).resolves.toMatchObject({
      body: 'Hot',
    });
    expect(await failure(expectRow('posts', { id: 3 }, { title: 'Soup' }))).toMatchInlineSnapshot(
      `"Task 2 · the "posts" table: the row with id 3 should have title "Soup"; it has "Stew"."`,
    );
    expect(await failure(expectRow('posts', { id: 3 }, { views: '7' }))).toMatchInlineSnapshot(
      `"Task 2 · the "posts" table: the row with id 3 should have views "7"; it has 7 (a number)."`,
    );
    expect(await failure(expectRow('posts', { id: 9 }))).toMatchInlineSnapshot(
      `"Task 2 · the "posts" table has no row with id 9."`,
    );
  });

  test('expectTable names a missing table, a missing column, a wrong type and a missing NOT NULL', async () => {
    await expectTable('posts', {
      id: 'INTEGER PRIMARY KEY',
      title: 'TEXT NOT NULL',
      body: 'TEXT',
      views: 'INTEGER',
    });
    expect(await failure(expectTable('books'))).toMatchInlineSnapshot(
      `"Task 2 · the database has no table "books" (its tables: posts). Tables are created by SQL your app runs when it starts, such as CREATE TABLE IF NOT EXISTS."`,
    );
    expect(await failure(expectTable('posts', ['id', 'author']))).toMatchInlineSnapshot(
      `"Task 2 · the "posts" table has no column "author" (its columns: id, title, body, views, note)."`,
    );
    expect(await failure(expectTable('posts', { note: 'TEXT' }))).toMatchInlineSnapshot(
      `"Task 2 · the "posts" table: the column "note" should hold text (declared TEXT); it is declared without a type."`,
    );
    expect(await failure(expectTable('posts', { body: 'TEXT NOT NULL' }))).toMatchInlineSnapshot(
      `"Task 2 · the "posts" table: the column "body" should be declared NOT NULL, so the database refuses a row without it; it allows NULL."`,
    );
    expect(await failure(expectTable('posts', { views: 'INTEGER PRIMARY KEY' }))).toMatchInlineSnapshot(
      `"Task 2 · the "posts" table: the column "views" should be declared INTEGER PRIMARY KEY, so that SQLite numbers new rows itself; it is declared INT."`,
    );
    expect((await tableColumns('posts')).map((column) => column.name)).toEqual([
      'id',
      'title',
      'body',
      'views',
      'note',
    ]);
    expect(await tableColumns('nothing')).toEqual([]);
  });

  test('expectRows compares rows in any order and lists them when they differ', async () => {
    await expectRows('posts', {}, [{ title: 'Soup' }, { title: 'Stew' }]);
    await expectRows('posts', { id: 5 }, []);
    expect(await failure(expectRows('posts', {}, [{ title: 'Soup' }]))).toMatchInlineSnapshot(`
      "Task 2 · the "posts" table should have 1 row; it has 2:
        title "Stew"
        title "Soup""
    `);
    expect(await failure(expectRows('posts', {}, [{ title: 'Soup' }, { title: 'Pie', views: 1 }])))
      .toMatchInlineSnapshot(`
      "Task 2 · the "posts" table has no row with title "Pie" and views 1. Its rows:
        title "Stew", views 7
        title "Soup", views 0"
    `);
  });

  test('reads rows that callbacks and promise chains write after the call that started them has returned', async () => {
    const raw = new sqlite3.Database(process.env.DATABASE_FILE!);
    raw.run('CREATE TABLE later (n INTEGER)', () => {
      raw.run('INSERT INTO later VALUES (1)', () => raw.run('INSERT INTO later VALUES (2)'));
    });
    await expectRows('later', {}, [{ n: 1 }, { n: 2 }]);
    await new Promise((done) => raw.close(done));
    void app
      .exec('CREATE TABLE chained (n INTEGER)')
      .then(() => app.run('INSERT INTO chained VALUES (1)'))
      .then(() => app.run('INSERT INTO chained VALUES (2)'));
    await expectRows('chained', {}, [{ n: 1 }, { n: 2 }]);
  });

  test('the read-only connection cannot write, and writeDatabase can', async () => {
    const db = await readDatabase();
    await expect(db.all("INSERT INTO posts (title) VALUES ('x')")).rejects.toThrow(/readonly/);
    await db.close();
    const { lastID } = await writeDatabase('INSERT INTO posts (title) VALUES (?)', ["O'Brien"]);
    await expectRow('posts', { id: lastID }, { title: "O'Brien" });
  });
});

describe('3. Counting queries', () => {
  test('counts each statement once, through the wrapper, callbacks and prepared statements', async () => {
    const raw = new sqlite3.Database(process.env.DATABASE_FILE!);
    const { count, statements } = await countQueries(async () => {
      await app.get('SELECT * FROM posts WHERE id = ?', 3);
      await app.all('SELECT   *\n FROM posts');
      await app.run('UPDATE posts SET views = views + 1 WHERE id = 3');
      await app.exec('UPDATE posts SET views = 0 WHERE id = 4');
      const statement = await app.prepare('SELECT title FROM posts WHERE id = ?');
      await statement.get(3);
      await statement.get(4);
      await statement.finalize();
      await new Promise((done) => raw.all('SELECT 1', done));
      await new Promise((done) => raw.each('SELECT 2', () => undefined, done));
      await new Promise((done) => raw.prepare('SELECT 3').all(done));
      // Database#map is in sqlite3's code but not in its type declarations.
      const withMap = raw as unknown as { map(sql: string, callback: () => void): void };
      await new Promise<void>((done) => withMap.map('SELECT id, title FROM posts', done));
      await expectRow('posts', { id: 3 }, { title: 'Stew' });
      await queryPlan('SELECT * FROM posts WHERE title = ?', ['x']);
    });
    await new Promise((done) => raw.close(done));
    expect(statements).toEqual([
      'SELECT * FROM posts WHERE id = ?',
      'SELECT * FROM posts',
      'UPDATE posts SET views = views + 1 WHERE id = 3',
      'UPDATE posts SET views = 0 WHERE id = 4',
      'SELECT title FROM posts WHERE id = ?',
      'SELECT title FROM posts WHERE id = ?',
      'SELECT 1',
      'SELECT 2',
      'SELECT 3',
      'SELECT id, title FROM posts',
    ]);
    expect(count).toBe(10);
  });

  test("counts a driver whose methods are read-only, like sqlite3 5's native exec and statements (SQLite 3.34)", async () => {
    const readOnly = (proto: object, name: string, value: (...args: never[]) => unknown) =>
      Object.defineProperty(proto, name, { value, writable: false, configurable: false });
    const done = (...args: unknown[]) => (args.at(-1) as ((error: null) => void) | undefined)?.(null);
    class Statement {
      readonly sql: string;
      constructor(sql: string) {
        this.sql = sql;
      }
    }
    for (const name of ['run', 'get', 'all', 'each']) readOnly(Statement.prototype, name, done);
    class Driver {
      run(sql: string, callback?: () => void) {
        (new Statement(sql) as unknown as { run(callback?: () => void): void }).run(callback);
        return this;
      }
      prepare(sql: string) {
        return new Statement(sql);
      }
    }
    readOnly(Driver.prototype, 'exec', done);
    const driver = { Database: Driver, Statement };
    installQueryCounter(driver);
    expect(driver.Database).not.toBe(Driver);
    const db = new driver.Database() as unknown as {
      exec(sql: string, callback: () => void): void;
      run(sql: string, callback: () => void): void;
      prepare(sql: string): { get(callback: () => void): void };
    };
    const { statements } = await countQueries(async () => {
      await new Promise<void>((resolve) => db.exec('CREATE TABLE t (a)', resolve));
      await new Promise<void>((resolve) => db.run('INSERT INTO t VALUES (1)', resolve));
      await new Promise<void>((resolve) => db.prepare('SELECT a FROM t').get(resolve));
    });
    expect(statements).toEqual(['CREATE TABLE t (a)', 'INSERT INTO t VALUES (1)', 'SELECT a FROM t']);
  });

  test('still counts once after the app turns on sqlite3.verbose()', async () => {
    sqlite3.verbose();
    const { count } = await countQueries(async () => {
      await app.get('SELECT 1');
      await new Promise((done) => app.getDatabaseInstance().get('SELECT 2', done));
    });
    expect(count).toBe(2);
  });
});

describe('4. Query plans', () => {
  const byTitle = 'SELECT id FROM posts WHERE title = ?';

  test('expectIndexUsed fails with the plan in words while the table is scanned', async () => {
    expect(await failure(expectIndexUsed(byTitle, ['Soup'], { table: 'posts' }))).toMatchInlineSnapshot(`
      "Task 4 · the query "SELECT id FROM posts WHERE title = ?" reads every row of the "posts" table ("SCAN posts") to find the ones it needs. Create an index on the column(s) it looks rows up by, so SQLite can jump straight to them: its plan then says SEARCH posts USING INDEX …

      SQLite's plan for it:
        SCAN posts"
    `);
  });

  test('expectIndexUsed passes once the app has created an index, also through an alias', async () => {
    await app.exec('CREATE INDEX posts_by_title ON posts (title)');
    expect(await expectIndexUsed(byTitle, ['Soup'], { table: 'posts' })).toEqual([
      'SEARCH posts USING COVERING INDEX posts_by_title (title=?)',
    ]);
    await expectIndexUsed('SELECT p.body FROM posts AS p WHERE p.title = ?', ['Soup'], { table: 'posts' });
  });

  test("planAccess reads SQLite 3.34's plan style as well as today's", () => {
    expect(planAccess(['SCAN TABLE posts'], 'posts').access).toBe('scan');
    expect(planAccess(['SEARCH TABLE posts USING INDEX i (author_id=?)'], 'posts').access).toBe('search');
    expect(planAccess(['SEARCH TABLE posts AS p USING COVERING INDEX i (title=?)'], 'posts').access).toBe(
      'search',
    );
    expect(
      planAccess(['SEARCH TABLE users USING INTEGER PRIMARY KEY (rowid=?)', 'SCAN TABLE posts'], 'posts')
        .access,
    ).toBe('scan');
    expect(
      planAccess(['SEARCH c USING AUTOMATIC COVERING INDEX (post_id=?)'], 'comments', ['c']).access,
    ).toBe('automatic');
    expect(planAccess(['SCAN users'], 'posts').access).toBe('absent');
  });
});

describe('5. Setting a scene', () => {
  test('writeDatabase writes through the app while it holds a read open, and is not counted', async () => {
    const statement = await app.prepare('SELECT id FROM posts');
    await statement.get(); // sqlite3 keeps this read (and its lock) open until reset or finalize
    const { count } = await countQueries(async () => {
      await writeDatabase('INSERT INTO posts (title) VALUES (?)', ['While reading']);
    });
    expect(count).toBe(0);
    await expectRow('posts', { title: 'While reading' });
    await statement.finalize();
  });
});

describe("6. Node's own node:sqlite", () => {
  test('counts its statements too: exec, prepared statements and tagged templates', async () => {
    const nodeSqlite = process.getBuiltinModule('node:sqlite');
    installNodeSqliteCounter(nodeSqlite);
    const db = new nodeSqlite.DatabaseSync(process.env.DATABASE_FILE!);
    const { count, statements } = await countQueries(async () => {
      db.exec('CREATE TABLE IF NOT EXISTS sync_rows (n INTEGER)');
      const insert = db.prepare('INSERT INTO sync_rows VALUES (?)');
      insert.run(1);
      insert.run(2);
      db.prepare('SELECT n FROM sync_rows').all();
      const sql = db.createTagStore();
      expect(sql.all`SELECT n FROM sync_rows WHERE n = ${2}`).toEqual([{ n: 2 }]);
    });
    db.close();
    expect(statements).toEqual([
      'CREATE TABLE IF NOT EXISTS sync_rows (n INTEGER)',
      'INSERT INTO sync_rows VALUES (?)',
      'INSERT INTO sync_rows VALUES (?)',
      'SELECT n FROM sync_rows',
      'SELECT n FROM sync_rows WHERE n = ?',
    ]);
    expect(count).toBe(5);
  });
});
