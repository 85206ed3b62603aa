// @ts-check
// Test helpers for exercises whose app keeps its data in SQLite. The grader looks at the learner's
// database the way a colleague would: it opens the file read-only and says, in words, which table or
// row is not what the instructions asked for:
//   Task 2 · the "posts" table: the row with id 3 should have title "Soup"; it has "Stew"
// It also counts the SQL statements the app runs (countQueries) by watching the sqlite3 driver
// itself, and reads SQLite's query plan (expectIndexUsed), so nothing depends on what the app says
// about itself.
//
// Every check gets a fresh, empty database: setup.js calls prepareDatabaseForCheck() before the app
// is imported, which points process.env.DATABASE_FILE at a new file in the workspace's .kitchen/
// folder. The learner's own kitchen.db (what Run uses) is never touched.
//
// Plain JS ESM with JSDoc types: it runs in the Vitest worker locally and inside a WebContainer
// (Node 22, where sqlite3 is a WASM build of SQLite 3.34). sqlite3 is only loaded when an exercise's
// tests use this module, so exercises without a database never load the native addon.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { listFiles } from './files.js';
import { currentTaskId, fail, takeAppErrors, workspaceDir } from './runtime.js';

/**
 * @typedef {{ all(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>,
 *   get(sql: string, params?: unknown[]): Promise<Record<string, unknown> | undefined>,
 *   close(): Promise<void> }} ReadOnlyDatabase
 * @typedef {{ name: string, type: string, notNull: boolean, primaryKey: boolean, defaultValue: unknown }} Column
 * @typedef {Record<string, unknown>} Row
 * @typedef {{ count: number, statements: string[] }} QueryCount
 */

/** The file setup.js chose for this test file; the app cannot move it by changing process.env. */
/** @type {string | undefined} */
let checkFile;

const KITCHEN_DIR = '.kitchen';
const FILE_PREFIX = 'check-';

// ---- Loading the driver lazily -------------------------------------------------------------------

/** @type {Promise<{ sqlite3: any, open: any }> | undefined} */
let driverPromise;

/** sqlite3 (the driver the app uses) and the `sqlite` promise wrapper, loaded on first use. */
function loadDriver() {
  driverPromise ??= Promise.all([import('sqlite3'), import('sqlite')]).then(([driver, wrapper]) => ({
    sqlite3: driver.default ?? driver,
    open: wrapper.open,
  }));
  return driverPromise;
}

// ---- A fresh database file per test file ---------------------------------------------------------

/**
 * Points process.env.DATABASE_FILE at a new, empty file in .kitchen/ and deletes the files earlier
 * test files used; when the exercise's tests use this module, also starts counting the app's queries.
 * setup.js calls it before the test file (and so the app) is imported.
 */
export async function prepareDatabaseForCheck() {
  const dir = join(workspaceDir, KITCHEN_DIR);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (name.startsWith(FILE_PREFIX)) rmSync(join(dir, name), { force: true });
  }
  checkFile = join(dir, `${FILE_PREFIX}${Date.now().toString(36)}-${process.pid}.db`);
  process.env.DATABASE_FILE = checkFile;
  if (testsUseDatabase()) {
    installQueryCounter((await loadDriver()).sqlite3);
    installNodeSqliteCounter(loadNodeSqlite());
  }
}

/**
 * Node's own SQLite module (node:sqlite, synchronous), when this Node has one, loaded without the
 * "experimental" warning some versions print: an app could use it instead of sqlite3, and its queries
 * must be counted too.
 * @returns {any}
 */
function loadNodeSqlite() {
  if (typeof process.getBuiltinModule !== 'function') return undefined;
  const emitWarning = process.emitWarning;
  process.emitWarning = /** @type {any} */ (
    (/** @type {any} */ warning, /** @type {any[]} */ ...rest) => {
      if (/sqlite/i.test(String(warning?.message ?? warning))) return;
      return emitWarning.call(process, warning, ...rest);
    }
  );
  try {
    return process.getBuiltinModule('node:sqlite');
  } catch {
    return undefined;
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** Whether a file in tests/ imports grading/db.js: only then is sqlite3 (a native addon) loaded early. */
function testsUseDatabase() {
  const tests = join(workspaceDir, 'tests');
  return listFiles(tests).some((file) => /\.[cm]?js$/.test(file) && readFileSync(join(tests, file), 'utf8').includes('grading/db.js'));
}

/** The absolute path of the database file the app uses in this check (process.env.DATABASE_FILE). */
export function databaseFile() {
  const file = checkFile ?? process.env.DATABASE_FILE;
  if (!file) fail('The grader has no database file for this check: DATABASE_FILE is not set (grading/setup.js sets it).');
  return isAbsolute(file) ? file : resolve(workspaceDir, file);
}

// ---- Watching the app's queries ------------------------------------------------------------------

const HOOKED = Symbol.for('kitchen.queryHook');
/** sqlite3.Database objects the grader opened: their queries are not the app's. */
const graderDatabases = new WeakSet();
/** sqlite3.Database objects the app has used, for settle() and for "you opened another file". */
/** @type {Set<any>} */
const learnerDatabases = new Set();
/** The SQL and database of statements made with Database#prepare. */
const preparedStatements = new WeakMap();
/** Open countQueries() calls. */
/** @type {Set<QueryCount>} */
const recorders = new Set();
/** Every statement the app has run in this test file, for settle(). */
let learnerCalls = 0;
/** How deep inside a hooked call we are: sqlite3's Database#run calls Statement#run, which is one query. */
let depth = 0;
/** Above 0 while the grader itself runs a statement on one of the app's connections (writeDatabase). */
let graderCalls = 0;
let installed = false;
const MAX_STATEMENTS = 200;

/**
 * Wraps the query methods of sqlite3's Database and Statement so every statement the app runs is
 * counted once, whichever API it uses: the `sqlite` wrapper, sqlite3's callbacks, prepared statements.
 * @param {any} sqlite3 the sqlite3 module
 */
export function installQueryCounter(sqlite3) {
  const { Database, Statement } = sqlite3;
  const noteDatabaseCall = /** @this {any} @param {unknown[]} args */ function (args) {
    noteCall(this, args[0]);
  };
  const noteStatementCall = /** @this {any} */ function () {
    const prepared = preparedStatements.get(this);
    noteCall(prepared?.db, prepared?.sql ?? '(a prepared statement)');
  };
  const readOnly = [];
  for (const name of ['run', 'get', 'all', 'each', 'map', 'exec']) {
    if (!hook(Database.prototype, name, noteDatabaseCall)) readOnly.push(name);
  }
  const statementReadOnly = ['run', 'get', 'all', 'each'].filter(
    (name) => !hook(Statement.prototype, name, noteStatementCall),
  );
  // Preparing is not running: the statement counts each time it runs, as Statement#run etc.
  afterCall(Database.prototype, 'prepare', function rememberStatement(statement, args) {
    if (!statement || typeof statement !== 'object') return;
    preparedStatements.set(statement, { sql: String(args[0]), db: this });
    // Builds whose Statement methods are read-only (sqlite3 5, native): count on the statement itself.
    for (const name of statementReadOnly) hook(statement, name, noteStatementCall);
  });
  if (readOnly.length > 0) {
    // Some builds define a method read-only on the prototype (sqlite3 5's native exec, as SQLite 3.34
    // ships): the module then hands out a subclass that counts it. An app reads sqlite3.Database when
    // it opens its database, after this ran (setup.js), so it gets the subclass.
    class CountingDatabase extends Database {}
    for (const name of readOnly) hook(CountingDatabase.prototype, name, noteDatabaseCall);
    Object.defineProperty(CountingDatabase, 'name', { value: Database.name });
    sqlite3.Database = CountingDatabase;
  }
  installed = true;
}

/**
 * Counts the statements run through node:sqlite (DatabaseSync, its prepared statements and its tagged
 * template stores) the same way.
 * @param {any} nodeSqlite the node:sqlite module, or undefined when this Node has none
 */
export function installNodeSqliteCounter(nodeSqlite) {
  if (!nodeSqlite?.DatabaseSync || !nodeSqlite?.StatementSync) return;
  const { DatabaseSync, StatementSync } = nodeSqlite;
  hook(DatabaseSync.prototype, 'exec', function noteExec(args) {
    noteCall(this, args[0]);
  });
  for (const name of ['run', 'get', 'all', 'iterate']) {
    hook(StatementSync.prototype, name, function noteStatementCall() {
      const prepared = preparedStatements.get(this);
      noteCall(prepared?.db, prepared?.sql ?? this.sourceSQL ?? '(a prepared statement)');
    });
  }
  afterCall(DatabaseSync.prototype, 'prepare', function rememberStatement(statement, args) {
    if (statement && typeof statement === 'object') preparedStatements.set(statement, { sql: String(args[0]), db: this });
  });
  afterCall(DatabaseSync.prototype, 'createTagStore', function countTagStore(store) {
    if (!store || typeof store !== 'object') return;
    for (const name of ['run', 'get', 'all', 'iterate']) {
      if (typeof store[name] !== 'function') continue;
      hook(store, name, (args) => {
        const strings = /** @type {any} */ (args[0]);
        // An arrow function: `this` is still the database createTagStore was called on.
        noteCall(this, Array.isArray(strings) ? strings.join('?') : '(a tagged statement)');
      });
    }
  });
  installed = true;
}

/**
 * Wraps a method that does not run SQL itself (prepare, createTagStore) to look at what it returns.
 * @param {any} proto @param {string} name
 * @param {(this: any, result: any, args: unknown[]) => void} after
 */
function afterCall(proto, name, after) {
  const original = proto[name];
  if (typeof original !== 'function' || original[HOOKED]) return;
  /** @this {any} @param {...unknown} args */
  const hooked = function (...args) {
    depth += 1;
    let result;
    try {
      result = original.apply(this, args);
    } finally {
      depth -= 1;
    }
    after.call(this, result, args);
    return result;
  };
  Object.defineProperty(hooked, 'name', { value: name });
  Object.defineProperty(hooked, HOOKED, { value: true });
  define(proto, name, hooked);
}

/**
 * Puts `value` at proto[name] with defineProperty, which works where plain assignment does not (a
 * read-only method inherited from a prototype); false when the property itself is read-only and fixed.
 * @param {any} proto @param {string} name @param {Function} value
 */
function define(proto, name, value) {
  const own = Object.getOwnPropertyDescriptor(proto, name);
  if (own && !own.configurable && !own.writable) return false;
  try {
    Object.defineProperty(proto, name, { value, writable: true, configurable: true, enumerable: false });
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {any} proto @param {string} name
 * @param {(this: any, args: unknown[]) => void} note called once per outermost call
 */
function hook(proto, name, note) {
  const original = proto[name];
  if (typeof original !== 'function') return false;
  if (original[HOOKED]) return true;
  /** @this {any} @param {...unknown} args */
  const hooked = function (...args) {
    if (depth === 0) note.call(this, args);
    depth += 1;
    try {
      return original.apply(this, args);
    } finally {
      depth -= 1;
    }
  };
  Object.defineProperty(hooked, 'name', { value: name });
  Object.defineProperty(hooked, HOOKED, { value: true });
  return define(proto, name, hooked);
}

/** @param {any} db @param {unknown} sql */
function noteCall(db, sql) {
  if (graderCalls > 0 || (db && graderDatabases.has(db))) return;
  if (db && !learnerDatabases.has(db)) {
    learnerDatabases.add(db);
    // 'close' is not one of the events that switch sqlite3 tracing on, and adding a listener for it
    // changes nothing else about the app's connection.
    if (typeof db.once === 'function') db.once('close', () => learnerDatabases.delete(db));
  }
  learnerCalls += 1;
  const text = String(sql).replace(/\s+/g, ' ').trim();
  for (const recorder of recorders) {
    recorder.count += 1;
    if (recorder.statements.length < MAX_STATEMENTS) recorder.statements.push(text);
  }
}

/**
 * Waits until the app's connections have finished the statements they were given, and those
 * statements' callbacks have started no new ones: an app that seeds with callbacks, or answers
 * before its write is done, is then read after its writes, not in the middle of them.
 */
export async function settle() {
  // Bounded: an app that queries on a timer never settles, and must not stall every check.
  const deadline = Date.now() + 1000;
  for (let round = 0; round < 40 && Date.now() < deadline; round++) {
    const before = learnerCalls;
    await Promise.all([...learnerDatabases].map(waitForDatabase));
    await new Promise((done) => setImmediate(done));
    if (learnerCalls === before) return;
  }
}

/** @param {any} db */
function waitForDatabase(db) {
  return new Promise((done) => {
    const timer = setTimeout(done, 500);
    const finish = () => {
      clearTimeout(timer);
      done(undefined);
    };
    try {
      // Database#wait runs its callback once everything queued before it has finished. A driver
      // without it (node:sqlite) runs every statement before its call returns.
      if (typeof db.wait === 'function') db.wait(finish);
      else setImmediate(finish);
    } catch {
      finish();
    }
  });
}

/**
 * Runs `fn` (which sends requests to the app) and returns how many SQL statements the app ran
 * meanwhile, and which. Counted by the grader's own hooks in the sqlite3 driver; the grader's own
 * queries are not counted, nor what the app ran while it started.
 * @param {() => Promise<unknown>} fn
 * @returns {Promise<QueryCount>}
 */
export async function countQueries(fn) {
  if (!installed) {
    fail(
      'countQueries() found no query counter: grading/setup.js installs it when a file in tests/ imports ' +
        '../grading/db.js. Import it from the test file, not from another module.',
    );
  }
  const { learnerApp } = await import('./http.js');
  await learnerApp();
  await settle();
  /** @type {QueryCount} */
  const recorder = { count: 0, statements: [] };
  recorders.add(recorder);
  try {
    await fn();
    await settle();
  } finally {
    recorders.delete(recorder);
  }
  return recorder;
}

// ---- Reading the database ------------------------------------------------------------------------

/** @param {string} what */
function frame(what) {
  return `Task ${currentTaskId() ?? '?'} · ${what}`;
}

/**
 * Fails the test with a message framed like the HTTP helpers' ("Task 2 · …"), followed by an error
 * the app raised meanwhile and a note when the app opened a file other than DATABASE_FILE.
 * @param {string} what @param {{ elsewhere?: boolean }} [options] @returns {never}
 */
function failDatabase(what, { elsewhere = true } = {}) {
  const lines = [frame(what)];
  const [appError] = takeAppErrors();
  if (appError) lines.push('', appError.replace(/^Task [^ ]+ · y/, 'Y'));
  const note = elsewhere ? openedElsewhere() : undefined;
  if (note) lines.push('', note);
  fail(lines.join('\n'));
}

/** A sentence when the app opened a database other than the check's file, else undefined. */
function openedElsewhere() {
  const file = databaseFile();
  const others = new Set();
  for (const db of learnerDatabases) {
    const name = filenameOf(db);
    if (name === undefined) continue;
    if (name === '' || name === ':memory:') others.add('an in-memory database (":memory:"), which is gone when the app stops');
    else if (resolve(name) !== file) others.add(`"${showPath(name)}"`);
  }
  if (others.size === 0) return undefined;
  return (
    `Your app opened ${[...others].join(' and ')}, not the file named in process.env.DATABASE_FILE, where the check ` +
    "looks. Open the database with `filename: process.env.DATABASE_FILE ?? 'kitchen.db'`."
  );
}

/** The file a connection of the app has open ('' or ':memory:' for memory), or undefined when unknown. @param {any} db */
function filenameOf(db) {
  if (typeof db.filename === 'string') return db.filename;
  if (typeof db.location === 'function' && db.isOpen !== false) {
    try {
      return db.location() ?? ':memory:';
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** @param {string} name */
function showPath(name) {
  const full = resolve(name);
  const inside = relative(workspaceDir, full);
  return inside.startsWith('..') || isAbsolute(inside) ? name : inside;
}

/**
 * A read-only connection to the app's database file. Close it when done. Fails with a sentence the
 * learner can act on when the app has not created the file.
 * @returns {Promise<ReadOnlyDatabase>}
 */
export async function readDatabase() {
  await settle();
  const file = databaseFile();
  if (!existsSync(file) || !statSync(file).isFile()) {
    failDatabase(
      'your app has not created its database file yet: open it with process.env.DATABASE_FILE, ' +
        "e.g. `open({ filename: process.env.DATABASE_FILE ?? 'kitchen.db', driver: sqlite3.Database })`. " +
        'In a check, that variable names a fresh, empty file, so every check starts from an empty database.',
    );
  }
  const { sqlite3, open } = await loadDriver();
  const db = await open({ filename: file, mode: sqlite3.OPEN_READONLY, driver: sqlite3.Database });
  graderDatabases.add(db.getDatabaseInstance());
  return {
    all: (sql, params = []) => db.all(sql, ...params),
    get: (sql, params = []) => db.get(sql, ...params),
    close: () => db.close(),
  };
}

/**
 * Runs `fn` with a read-only connection and closes it afterwards.
 * @template T @param {(db: ReadOnlyDatabase) => Promise<T>} fn @returns {Promise<T>}
 */
async function withDatabase(fn) {
  const db = await readDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * Runs one statement that changes the app's database, to set a scene the test needs (a row the app
 * did not write, say). Never counted as the app's query. Use it before a request, never to repair
 * what the app wrote.
 *
 * It runs on the app's own connection when the app has one open on the file: a second connection
 * would have to wait for every lock the app holds, and a prepared statement read with get() keeps
 * its read (and its lock) open until the app resets it, which is no mistake of the learner's.
 * @param {string} sql @param {unknown[]} [params]
 * @returns {Promise<{ lastID: number | undefined, changes: number | undefined }>}
 */
export async function writeDatabase(sql, params = []) {
  await settle();
  const file = databaseFile();
  const appConnection = [...learnerDatabases].find(
    (db) => db.open === true && typeof db.filename === 'string' && resolve(db.filename) === file,
  );
  if (appConnection) {
    const result = await new Promise((done, reject) => {
      graderCalls += 1;
      try {
        appConnection.run(sql, params, /** @this {any} @param {Error | null} error */ function (error) {
          if (error) reject(error);
          else done({ lastID: this.lastID, changes: this.changes });
        });
      } finally {
        graderCalls -= 1;
      }
    });
    await settle();
    return result;
  }
  const { sqlite3, open } = await loadDriver();
  const db = await open({ filename: databaseFile(), driver: sqlite3.Database });
  graderDatabases.add(db.getDatabaseInstance());
  try {
    await db.run('PRAGMA foreign_keys = ON');
    const result = await db.run(sql, ...params);
    return { lastID: result.lastID, changes: result.changes };
  } finally {
    await db.close();
  }
}

/**
 * Rows of a query on the app's database (read-only).
 * @param {string} sql @param {unknown[]} [params] @returns {Promise<Row[]>}
 */
export function queryDatabase(sql, params = []) {
  return withDatabase(async (db) => {
    try {
      return await db.all(sql, params);
    } catch (error) {
      return failDatabase(`the grader's query ${showSql(sql)} failed on your database: ${errorText(error)}`);
    }
  });
}

/** @param {unknown} error */
function errorText(error) {
  return String(error instanceof Error ? error.message : error).replace(/^SQLITE_\w+:\s*/, '');
}

/** @param {string} sql */
function showSql(sql) {
  const text = sql.replace(/\s+/g, ' ').trim();
  return `"${text.length > 160 ? `${text.slice(0, 160)}…` : text}"`;
}

/** @param {string} name */
function quoteName(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The names of the app's tables, sorted. @param {ReadOnlyDatabase} db */
async function tableNames(db) {
  const rows = await db.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  return rows.map((row) => String(row.name));
}

/** @param {ReadOnlyDatabase} db @param {string} table @returns {Promise<Column[]>} */
async function columnsOf(db, table) {
  const rows = await db.all(`PRAGMA table_info(${quoteName(table)})`);
  return rows.map((row) => ({
    name: String(row.name),
    type: String(row.type ?? ''),
    notNull: row.notnull === 1,
    primaryKey: Number(row.pk) > 0,
    defaultValue: row.dflt_value,
  }));
}

/**
 * The columns of a table ([] when there is no such table): name, declared type, NOT NULL, PRIMARY KEY
 * and default.
 * @param {string} table @returns {Promise<Column[]>}
 */
export function tableColumns(table) {
  return withDatabase((db) => columnsOf(db, table));
}

/** The type affinity SQLite gives a declared column type (section 3.1 of its datatype page). @param {string} declared */
export function affinity(declared) {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'INTEGER';
  if (/CHAR|CLOB|TEXT/.test(type)) return 'TEXT';
  if (type === '' || type.includes('BLOB')) return 'BLOB';
  if (/REAL|FLOA|DOUB/.test(type)) return 'REAL';
  return 'NUMERIC';
}

const TYPE_WORDS = {
  INTEGER: 'whole numbers',
  TEXT: 'text',
  REAL: 'decimal numbers',
  NUMERIC: 'numbers',
  BLOB: 'raw bytes',
};

/**
 * Fails unless the table exists and has these columns. `columns` is a list of names, or an object
 * naming each column's declaration: `{ id: 'INTEGER PRIMARY KEY', title: 'TEXT NOT NULL', note: 'TEXT' }`
 * (the type is compared by SQLite's type affinity, so VARCHAR(80) counts as TEXT).
 * @param {string} table @param {string[] | Record<string, string>} [columns]
 * @returns {Promise<Column[]>} the table's columns
 */
export function expectTable(table, columns = []) {
  return withDatabase((db) => checkTable(db, table, columns));
}

/**
 * @param {ReadOnlyDatabase} db @param {string} table @param {string[] | Record<string, string>} columns
 * @returns {Promise<Column[]>}
 */
async function checkTable(db, table, columns) {
  const names = await tableNames(db);
  if (!names.some((name) => name.toLowerCase() === table.toLowerCase())) {
    failDatabase(
      `the database has no table "${table}" ` +
        (names.length === 0 ? '(it has no tables at all yet).' : `(its tables: ${names.join(', ')}).`) +
        ' Tables are created by SQL your app runs when it starts, such as CREATE TABLE IF NOT EXISTS.',
    );
  }
  const actual = await columnsOf(db, table);
  const wanted = Array.isArray(columns) ? Object.fromEntries(columns.map((name) => [name, ''])) : columns;
  for (const [name, declaration] of Object.entries(wanted)) {
    const column = actual.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!column) {
      failDatabase(`the "${table}" table has no column "${name}" (its columns: ${actual.map((c) => c.name).join(', ')}).`);
    }
    const problem = columnProblem(column, declaration);
    if (problem) failDatabase(`the "${table}" table: the column "${column.name}" ${problem}.`);
  }
  return actual;
}

/** What is wrong with a column compared with its declaration ('INTEGER PRIMARY KEY', 'TEXT NOT NULL'), or undefined. */
/** @param {Column} column @param {string} declaration */
function columnProblem(column, declaration) {
  const wanted = declaration.toUpperCase().replace(/\s+/g, ' ').trim();
  if (wanted === '') return undefined;
  const declared = column.type === '' ? 'without a type' : `as ${column.type}`;
  const type = /^(INTEGER|TEXT|REAL|NUMERIC|BLOB)\b/.exec(wanted)?.[1];
  if (/\bPRIMARY KEY\b/.test(wanted) && type === 'INTEGER') {
    if (!column.primaryKey || column.type.toUpperCase() !== 'INTEGER') {
      const has = `${column.type}${column.primaryKey ? ' PRIMARY KEY' : ''}`.trim() || 'without a type';
      return `should be declared INTEGER PRIMARY KEY, so that SQLite numbers new rows itself; it is declared ${has}`;
    }
    return undefined;
  }
  if (type && affinity(column.type) !== type) {
    return `should hold ${TYPE_WORDS[/** @type {keyof typeof TYPE_WORDS} */ (type)]} (declared ${type}); it is declared ${declared}`;
  }
  if (/\bPRIMARY KEY\b/.test(wanted) && !column.primaryKey) return 'should be the PRIMARY KEY';
  if (/\bNOT NULL\b/.test(wanted) && !column.notNull && !column.primaryKey) {
    return 'should be declared NOT NULL, so the database refuses a row without it; it allows NULL';
  }
  return undefined;
}

/** @param {unknown} value */
function showValue(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return `${value} (stored as ${value ? 1 : 0})`;
  if (value instanceof Uint8Array) return `${value.length} bytes of binary data`;
  return String(value);
}

/** @param {unknown} value */
function kindOf(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'a number';
  return 'binary data';
}

/** Whether a stored value equals what the test expects (a boolean matches 1 or 0). @param {unknown} actual @param {unknown} expected */
function sameValue(actual, expected) {
  if (typeof expected === 'boolean') return actual === (expected ? 1 : 0);
  if (expected === undefined) return actual === null;
  if (typeof actual === 'bigint' && typeof expected === 'number') return Number(actual) === expected;
  return Object.is(actual, expected) || (actual === 0 && expected === 0);
}

/** `3` or `"3" (text)` when the kinds differ. @param {unknown} actual @param {unknown} expected */
function showActual(actual, expected) {
  const kindsDiffer = kindOf(actual) !== kindOf(expected) && actual !== null && actual !== undefined;
  return kindsDiffer ? `${showValue(actual)} (${kindOf(actual)})` : showValue(actual);
}

/** "with id 3", "with post_id 2 and user_id 1", "" for {}. @param {Row} where */
function describeWhere(where) {
  const parts = Object.entries(where).map(([column, value]) => `${column} ${showValue(value)}`);
  return parts.length === 0 ? '' : `with ${parts.join(' and ')}`;
}

/** `WHERE "a" IS ? AND …` and its parameters. @param {Row} where */
function whereClause(where) {
  const entries = Object.entries(where);
  if (entries.length === 0) return { sql: '', params: [] };
  return {
    sql: ` WHERE ${entries.map(([column]) => `${quoteName(column)} IS ?`).join(' AND ')}`,
    params: entries.map(([, value]) => (typeof value === 'boolean' ? Number(value) : value)),
  };
}

/** @param {ReadOnlyDatabase} db @param {string} table @param {Row} where */
async function selectRows(db, table, where) {
  const { sql, params } = whereClause(where);
  const select = `SELECT * FROM ${quoteName(table)}${sql}`;
  try {
    return await db.all(`${select} ORDER BY rowid`, params);
  } catch {
    // A WITHOUT ROWID table has no rowid to sort by.
    return db.all(select, params);
  }
}

/**
 * Fails unless the table has exactly one row matching `where` and that row holds the `expected`
 * values (only the listed columns are compared). Returns the row.
 * @param {string} table @param {Row} where e.g. { id: 3 } @param {Row} [expected] e.g. { title: 'Soup' }
 * @returns {Promise<Row>}
 */
export function expectRow(table, where, expected = {}) {
  return withDatabase(async (db) => {
    await checkTable(db, table, [...new Set([...Object.keys(where), ...Object.keys(expected)])]);
    const rows = await selectRows(db, table, where);
    const which = describeWhere(where);
    if (rows.length === 0) failDatabase(`the "${table}" table has no row ${which}.`);
    if (rows.length > 1) failDatabase(`the "${table}" table has ${rows.length} rows ${which}; it should have one.`);
    const row = rows[0];
    for (const [column, value] of Object.entries(expected)) {
      const actual = valueOf(row, column);
      if (!sameValue(actual, value)) {
        failDatabase(`the "${table}" table: the row ${which} should have ${column} ${showValue(value)}; it has ${showActual(actual, value)}.`);
      }
    }
    return row;
  });
}

/** A row's value for a column named in any case. @param {Row} row @param {string} column */
function valueOf(row, column) {
  if (column in row) return row[column];
  const key = Object.keys(row).find((name) => name.toLowerCase() === column.toLowerCase());
  return key === undefined ? undefined : row[key];
}

/**
 * Fails unless the rows matching `where` ({} for all rows) are exactly `expected`, in any order: the
 * same number of rows, and each expected row (only its listed columns) matching a different row.
 * `expectRows('comments', { post_id: 3 }, [])` checks there are none. Returns the rows.
 * @param {string} table @param {Row} where @param {Row[]} expected @returns {Promise<Row[]>}
 */
export function expectRows(table, where, expected) {
  return withDatabase(async (db) => {
    const columns = [...new Set([...Object.keys(where), ...expected.flatMap((row) => Object.keys(row))])];
    await checkTable(db, table, columns);
    const rows = await selectRows(db, table, where);
    const which = describeWhere(where);
    const shown = columns.length > 0 ? columns : undefined;
    if (rows.length !== expected.length) {
      const wanted = expected.length === 0 ? 'no rows' : expected.length === 1 ? '1 row' : `${expected.length} rows`;
      failDatabase(
        `the "${table}" table should have ${wanted}${which ? ` ${which}` : ''}; it has ${rows.length}` +
          (rows.length === 0 ? '.' : `:\n${listRows(rows, shown)}`),
      );
    }
    const unmatched = [...rows];
    for (const want of expected) {
      const index = unmatched.findIndex((row) => Object.entries(want).every(([column, value]) => sameValue(valueOf(row, column), value)));
      if (index === -1) {
        failDatabase(
          `the "${table}" table has no row ${describeWhere(want)}${which ? ` (among the rows ${which})` : ''}. Its rows:\n` +
            listRows(rows, shown),
        );
      }
      unmatched.splice(index, 1);
    }
    return rows;
  });
}

/** Up to 8 rows, one a line, showing `columns` (or all). @param {Row[]} rows @param {string[]} [columns] */
function listRows(rows, columns) {
  const lines = rows.slice(0, 8).map((row) => {
    const keys = columns ?? Object.keys(row);
    return `  ${keys.map((key) => `${key} ${showValue(valueOf(row, key))}`).join(', ')}`;
  });
  if (rows.length > 8) lines.push(`  … and ${rows.length - 8} more`);
  return lines.join('\n');
}

/**
 * How many rows of the table match `where` (all rows for {}); 0 when there is no such table.
 * @param {string} table @param {Row} [where] @returns {Promise<number>}
 */
export function countRows(table, where = {}) {
  return withDatabase(async (db) => {
    const names = await tableNames(db);
    if (!names.some((name) => name.toLowerCase() === table.toLowerCase())) return 0;
    const { sql, params } = whereClause(where);
    const row = await db.get(`SELECT count(*) AS n FROM ${quoteName(table)}${sql}`, params);
    return Number(row?.n ?? 0);
  });
}

// ---- Query plans ---------------------------------------------------------------------------------

/**
 * The lines of SQLite's EXPLAIN QUERY PLAN for a query on the app's database (run read-only; the
 * query itself is not run), e.g. ['SEARCH posts USING INDEX posts_by_author (author_id=?)'].
 * @param {string} sql @param {unknown[]} [params] @returns {Promise<string[]>}
 */
export function queryPlan(sql, params = []) {
  return withDatabase(async (db) => {
    try {
      const rows = await db.all(`EXPLAIN QUERY PLAN ${sql}`, params);
      return rows.map((row) => String(row.detail));
    } catch (error) {
      return failDatabase(`the query ${showSql(sql)} cannot run on your database: ${errorText(error)}.`);
    }
  });
}

/**
 * How a plan reads `table` (named directly or through an alias): 'search' when it jumps to rows
 * through an index or the primary key, 'automatic' through an index SQLite builds for this one query,
 * 'scan' when it reads every row, 'absent' when no line names it. Both plan styles are understood:
 * SQLite 3.34 (in the browser) writes "SCAN TABLE posts", newer versions "SCAN posts".
 * @param {string[]} lines @param {string} table @param {string[]} [aliases]
 * @returns {{ access: 'search' | 'automatic' | 'scan' | 'absent', line?: string }}
 */
export function planAccess(lines, table, aliases = []) {
  const names = new Set([table, ...aliases].map((name) => name.toLowerCase()));
  /** @type {{ access: 'search' | 'automatic' | 'scan' | 'absent', line?: string }} */
  let found = { access: 'absent' };
  for (const line of lines) {
    const match = /^(SCAN|SEARCH)\s+(?:TABLE\s+)?("?)([^\s"]+)\2(?:\s+AS\s+(\S+))?(.*)$/i.exec(line.trim());
    if (!match) continue;
    const [, verb, , name, alias, rest] = match;
    if (!names.has(name.toLowerCase()) && !(alias && names.has(alias.toLowerCase()))) continue;
    if (/\bAUTOMATIC\b/i.test(rest)) found = { access: 'automatic', line };
    else if (verb.toUpperCase() === 'SEARCH' && /\bUSING\b/i.test(rest)) {
      if (found.access === 'absent') found = { access: 'search', line };
    } else return { access: 'scan', line };
  }
  return found;
}

/** Aliases a query gives `table` ("FROM posts p", "JOIN posts AS p"). @param {string} sql @param {string} table */
function aliasesOf(sql, table) {
  const escaped = table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keywords = /^(WHERE|JOIN|INNER|LEFT|CROSS|NATURAL|ON|USING|ORDER|GROUP|HAVING|LIMIT|UNION|WINDOW|INDEXED|NOT)$/i;
  const aliases = [];
  for (const match of sql.matchAll(new RegExp(`\\b(?:FROM|JOIN|,)\\s*"?${escaped}"?\\s+(?:AS\\s+)?([A-Za-z_]\\w*)`, 'gi'))) {
    if (!keywords.test(match[1])) aliases.push(match[1]);
  }
  return aliases;
}

/**
 * Fails unless SQLite answers the query by searching `table` through an index (its plan says
 * "SEARCH <table> USING INDEX …" or "… COVERING INDEX …") rather than reading every row ("SCAN").
 * @param {string} sql @param {unknown[]} params @param {{ table: string }} options
 * @returns {Promise<string[]>} the plan
 */
export async function expectIndexUsed(sql, params, { table }) {
  const plan = await queryPlan(sql, params);
  const { access, line } = planAccess(plan, table, aliasesOf(sql, table));
  if (access === 'search') return plan;
  const shown = `SQLite's plan for it:\n${plan.map((step) => `  ${step}`).join('\n')}`;
  if (access === 'absent') {
    failDatabase(`the query ${showSql(sql)} does not read the "${table}" table at all. ${shown}`, { elsewhere: false });
  }
  const why =
    access === 'automatic'
      ? `builds a temporary index on the "${table}" table for this one query ("${line}"), because no index of yours fits`
      : `reads every row of the "${table}" table ("${line}") to find the ones it needs`;
  failDatabase(
    `the query ${showSql(sql)} ${why}. Create an index on the column(s) it looks rows up by, so SQLite can ` +
      `jump straight to them: its plan then says SEARCH ${table} USING INDEX …\n\n${shown}`,
    { elsewhere: false },
  );
}
