import bcrypt from 'bcryptjs';
import { describe, test } from 'vitest';
import { expectRow, queryDatabase, tableColumns, writeDatabase } from '../grading/db.js';
import { captureConsole, request } from '../grading/http.js';
import { currentTaskId, fail } from '../grading/runtime.js';

// The diners of this file share one database: every test signs up with an email of its own.
const PASSWORD = 'Tomato-soup-at-8!';
const WRONG_PASSWORD = 'Tomato-soup-at-9!';
let diners = 0;
// bcrypt.hashSync(PASSWORD, '$2b$10$KitchenGraderSaltsSalt.'): a hash of PASSWORD made with a fixed
// salt, so a message that shows it is the same every run (written out: hashing here would hold up the
// test file's start).
const KNOWN_HASH = '$2b$10$KitchenGraderSaltsSaleOQ7uV.IGaIkmYiJTMKwfcMXgSeROn.a';

/** A fresh email for each sign-up, so tests never meet each other's diners. */
function newEmail(name = 'diner') {
  diners += 1;
  return `${name}-${diners}@example.com`;
}

// bcrypt is slow on purpose (cost 10 takes a tenth of a second or more, each step up doubles it), so
// sign-ups and logins get more time to answer than other requests, and each test more time to run.
const BCRYPT_TIME = { timeoutMs: 10_000 };
const SLOW = 20_000;

function register(email, password = PASSWORD) {
  return request('POST', '/register', { body: { email, password }, ...BCRYPT_TIME });
}

function login(email, password) {
  return request('POST', '/login', { body: { email, password }, ...BCRYPT_TIME });
}

/** A sign-up a later task builds on: fails with "this needs task 1 first" unless it answered 201 with an id. */
async function registered(email, password = PASSWORD) {
  const res = await register(email, password);
  res.needsTask(1, res.status === 201 && res.body?.id !== undefined, "POST /register should answer 201 with the new diner's id");
  return res;
}

/** Fails naming the current task, for checks of the database file rather than of one answer. */
function failTask(what) {
  fail(`Task ${currentTaskId()} · ${what}`);
}

/** The users row with this email, and its password_hash (undefined when there is no such column). */
async function storedRow(email) {
  const [row] = await queryDatabase('SELECT * FROM users WHERE email = ?', [email]);
  if (!row) failTask(`POST /register answered, but the "users" table has no row with the email "${email}". Store the new diner in it.`);
  return row;
}

async function hasHashColumn() {
  return (await tableColumns('users')).some((column) => column.name === 'password_hash');
}

/** Fails unless the users table has a password_hash column; names the columns it has. */
async function expectHashColumn() {
  const columns = (await tableColumns('users')).map((column) => column.name);
  if (!columns.includes('password_hash')) {
    failTask(
      `the "users" table has no "password_hash" column (its columns are ${columns.join(', ')}). ` +
        'Replace the "password" column with "password_hash" in CREATE TABLE, and store the hash there.',
    );
  }
}

const BCRYPT_HASH = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;

/** A stored value for a message: long ones cut, with their length. */
function shorten(value) {
  if (typeof value !== 'string') return JSON.stringify(value);
  return value.length > 24 ? `"${value.slice(0, 20)}…" (${value.length} characters)` : `"${value}"`;
}

/** What a stored value that is not a bcrypt hash looks like, in words. */
function notBcrypt(value, password) {
  if (value === password) return 'the password itself, exactly as the diner typed it';
  if (typeof value !== 'string') return `${JSON.stringify(value)}, which is not even text`;
  const shown = shorten(value);
  if (/^[0-9a-f]{64}$/i.test(value)) return `${shown}, which looks like a SHA-256 digest: a fast hash, with no salt`;
  if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{128}$/i.test(value)) return `${shown}, which looks like a fast hash (MD5, SHA-1 or SHA-512), with no salt`;
  return `${shown}, which is not a bcrypt hash`;
}

/** Fails unless the row's password_hash is a bcrypt hash; returns it. */
async function expectBcryptHash(email, password = PASSWORD) {
  await expectHashColumn();
  const row = await storedRow(email);
  const hash = row.password_hash;
  if (typeof hash !== 'string' || !BCRYPT_HASH.test(hash)) {
    failTask(
      `after POST /register with the password "${password}", the password_hash of ${email} is ${notBcrypt(hash, password)}. ` +
        'A bcrypt hash is 60 characters and starts with $2a$, $2b$ or $2y$ and the cost, such as $2b$10$…: make it with bcrypt.hash(password, 10) from bcryptjs.',
    );
  }
  return hash;
}

describe('1. Store a bcrypt hash, never the password', () => {
  test("POST /register answers 201 with the new diner's id and email, and stores the diner", async () => {
    const email = newEmail('ada');
    const res = await register(email);
    res.expectStatus(201);
    res.expectJsonContaining({ email });
    res.expect(Number.isInteger(res.body.id), `an "id" that is a whole number; got ${JSON.stringify(res.body.id) ?? 'none'}`);
    await expectRow('users', { email }, { id: res.body.id });
  }, SLOW);

  test('the password appears nowhere in the database file', async () => {
    const email = newEmail('grace');
    const res = await register(email);
    res.expectStatus(201);
    const tables = await queryDatabase("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    for (const { name } of tables) {
      for (const row of await queryDatabase(`SELECT * FROM "${name.replaceAll('"', '""')}"`)) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string' && value.includes(PASSWORD)) {
            failTask(
              `after POST /register with the password "${PASSWORD}", the grader read your database file and found that password ` +
                `in the "${name}" table, column "${column}". Anyone who gets a copy of the file can read it. ` +
                'Store only its bcrypt hash, in password_hash, and nothing else made from the password.',
            );
          }
        }
      }
    }
  }, SLOW);

  test("password_hash holds a bcrypt hash that bcrypt.compare accepts for the diner's password", async () => {
    const email = newEmail('alan');
    (await register(email)).expectStatus(201);
    const hash = await expectBcryptHash(email);
    if (!(await bcrypt.compare(PASSWORD, hash))) {
      failTask(
        `the password_hash of ${email} is a bcrypt hash, but not of the password "${PASSWORD}" it signed up with: ` +
          'bcrypt.compare("' + PASSWORD + '", hash) says false. Hash the password from the request body, and nothing else.',
      );
    }
  }, SLOW);

  test('the bcrypt hash has a cost of 10 or more', async () => {
    const email = newEmail('edsger');
    (await register(email)).expectStatus(201);
    const hash = await expectBcryptHash(email);
    const cost = Number(hash.slice(4, 6));
    if (cost < 10) {
      failTask(
        `the password_hash of ${email} starts with "${hash.slice(0, 7)}": a cost of ${cost}, and the cost must be at least 10. ` +
          `Each step doubles the work, so cost ${cost} lets an attacker try ${2 ** (10 - cost)} times as many guesses a second as cost 10. ` +
          'It is the second argument of bcrypt.hash(password, 10).',
      );
    }
  }, SLOW);

  test('two diners with the same password get different hashes', async () => {
    const first = newEmail('ada-twin');
    const second = newEmail('grace-twin');
    (await register(first)).expectStatus(201);
    (await register(second)).expectStatus(201);
    await expectHashColumn();
    const a = (await storedRow(first)).password_hash;
    const b = (await storedRow(second)).password_hash;
    if (a === b) {
      failTask(
        `${first} and ${second} signed up with the same password, and both rows hold the same password_hash, ${shorten(a)}. ` +
          'Anyone reading the table sees who shares a password, and one table of precomputed hashes cracks them all. ' +
          'A salt, new and random for each hash, makes every hash different: bcrypt.hash makes one for you.',
      );
    }
  }, SLOW);
});

describe('2. Check the password against the hash at login', () => {
  test('the right password answers 200 with the diner\'s id and email', async () => {
    const email = newEmail('margaret');
    const signedUp = await registered(email);
    const res = await login(email, PASSWORD);
    res.expect(
      res.status === 200,
      `status 200 for the password "${PASSWORD}" that ${email} signed up with just before; got ${res.status}. ` +
        'Hashing the typed password again gives a new salt, so a new hash that never equals the stored one: let bcrypt.compare do the comparing',
    );
    res.expectJsonContaining({ id: signedUp.body.id, email });
  }, SLOW);

  test('a wrong password answers 401 with a JSON error', async () => {
    const email = newEmail('barbara');
    await registered(email);
    const res = await login(email, WRONG_PASSWORD);
    res.expect(
      !(res.status >= 200 && res.status < 300),
      `401 for a wrong password; got ${res.status}, as if it were right. bcrypt.compare returns a promise: without await, the promise itself counts as true`,
    );
    res.expectError(401);
  }, SLOW);

  test('an email nobody signed up with answers 401 with a JSON error', async () => {
    const res = await login(newEmail('nobody'), PASSWORD);
    res.expectError(401);
  }, SLOW);

  test('a stored hash is not a password: sending it answers 401', async () => {
    const email = newEmail('frances');
    const signedUp = await registered(email);
    const hash = (await hasHashColumn()) ? (await storedRow(email)).password_hash : undefined;
    signedUp.needsTask(1, typeof hash === 'string' && hash !== PASSWORD, 'POST /register should store a hash of the password in the password_hash column');
    // The grader's own bcrypt hash of the same password (the same every run, so messages are too).
    await writeDatabase('UPDATE users SET password_hash = ? WHERE email = ?', [KNOWN_HASH, email]);
    const res = await login(email, KNOWN_HASH);
    res.expect(
      res.status === 401,
      `401: the grader stored a bcrypt hash of ${email}'s password in password_hash, as a thief with a copy of your database would see it, ` +
        `and sent that hash as the password; your app answered ${res.status}. Compare the typed password with the hash using await bcrypt.compare(password, hash): bcrypt.compare returns a promise, and without await the promise itself counts as true`,
    );
  }, SLOW);
});

describe('3. Keep the password out of answers and logs', () => {
  test('the answers to POST /register and POST /login contain neither the password nor its hash', async () => {
    const email = newEmail('hedy');
    const answers = [await registered(email)];
    const hash = (await hasHashColumn()) ? (await storedRow(email)).password_hash : undefined;
    answers.push(await login(email, PASSWORD), await login(email, WRONG_PASSWORD));
    for (const res of answers) {
      const password = JSON.parse(res.request.body).password;
      res.expect(!res.text.includes(password), `an answer without the password "${password}" that was sent, but the body holds it`);
      if (typeof hash === 'string' && hash !== '') {
        res.expect(!res.text.includes(hash), 'an answer without the stored password_hash, but the body holds it: a hash is for the server alone');
      }
    }
  }, SLOW);

  test('nothing the app prints while signing up and logging in contains the password', async () => {
    const email = newEmail('katherine');
    const lines = await captureConsole(async () => {
      await registered(email);
      await login(email, PASSWORD);
      await login(email, WRONG_PASSWORD);
    });
    for (const password of [PASSWORD, WRONG_PASSWORD]) {
      const line = lines.find((text) => text.includes(password));
      if (line !== undefined) {
        failTask(
          `while the grader signed ${email} up with the password "${PASSWORD}" and logged in with it and with "${WRONG_PASSWORD}", ` +
            `your app printed the password "${password}": ${line.length > 200 ? `${line.slice(0, 200)}…` : line}\n` +
            'Logs are kept, copied and read by many people: print the email if you like, never a password, right or wrong.',
        );
      }
    }
  }, SLOW);
});
