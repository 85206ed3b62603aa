// @ts-check
// SQL injection for exercise tests: the classic payloads, built for the table and columns a test
// attacks, and words for failure messages ("the grader searched for `' OR 1=1 --` (a quote that ends
// your text early, …)"). Tests send the payloads through the ordinary helpers of http.js and check
// what came back (grading/db.js reads what was left in the database).
//
// Every payload is harmless if a learner pastes it into a shell: no command substitution, no
// redirection, pipes or background jobs, and only upper-case SQL words after a semicolon (no shell
// has commands named DROP or UPDATE). `assertShellSafe` enforces this for every payload built here,
// and for a test's own payloads: call it on them too.
//
//   import { ALWAYS_TRUE, unionSelect, stacked, describePayload, findLeaks } from '../grading/injection.js';
//   const res = await request('GET', '/dishes', { query: { search: ALWAYS_TRUE } });
//   const leaks = findLeaks(res.text, { 'the staff meal, which is not on the menu': 'Staff meal' });
//   res.expect(leaks.length === 0, `nothing but matching dishes for ${describePayload(ALWAYS_TRUE)}; …`);

/**
 * Fails (at import, as a plain Error for the author) unless `text` is harmless pasted into a shell.
 * @param {string} text @returns {string} the same text
 */
export function assertShellSafe(text) {
  const unsafe = /[`<>|&\\\n\r]|\$[({]/.exec(text);
  if (unsafe) throw new Error(`injection.js: the payload ${JSON.stringify(text)} has ${JSON.stringify(unsafe[0])}, which does something in a shell`);
  const command = /;\s*([a-z][\w-]*)/.exec(text);
  if (command) {
    throw new Error(`injection.js: the payload ${JSON.stringify(text)} has the lower-case word "${command[1]}" after a semicolon; write SQL words in upper case`);
  }
  return text;
}

/** Ends a quoted text early, adds a condition true for every row, and comments out the rest. */
export const ALWAYS_TRUE = assertShellSafe("' OR 1=1 --");

/** The same without a comment: the app's own closing quote completes the last comparison. */
export const ALWAYS_TRUE_QUOTED = assertShellSafe("' OR '1'='1");

/** For a number joined into SQL without quotes (`WHERE id = ${id}`): no quote needed at all. */
export const NUMERIC_ALWAYS_TRUE = assertShellSafe('0 OR 1=1');

/**
 * A value that ends the text at `value'` and comments out the rest of the statement, e.g. a password
 * check that follows: `commentOut('marta')` is `marta' --`.
 * @param {string} value @returns {string}
 */
export function commentOut(value) {
  return assertShellSafe(`${value}' --`);
}

/**
 * A UNION SELECT that adds rows of another table to the app's own query:
 * `unionSelect(['id', 'username', 'password_hash', 'role'], 'staff')` is
 * `' UNION SELECT id, username, password_hash, role FROM staff --`. The number of columns must match
 * the app's own SELECT. `before` is what comes first: `'` for a quoted text (the default), `nobody'`
 * for a value that should match nothing, `0` for a number joined without quotes.
 * @param {string[]} columns column names or SQL literals ('99', "'owner'")
 * @param {string} [table] leave out for a SELECT of literals only
 * @param {{ before?: string }} [options]
 * @returns {string}
 */
export function unionSelect(columns, table, { before = "'" } = {}) {
  const from = table === undefined ? '' : ` FROM ${table}`;
  return assertShellSafe(`${before} UNION SELECT ${columns.join(', ')}${from} --`);
}

/**
 * A second statement stacked after the app's own: `stacked('DROP TABLE staff', { before: "');" })`
 * is `'); DROP TABLE staff; --`. Only an app that runs SQL with a whole-script API (sqlite's
 * db.exec) runs it; db.run/get/all run the first statement of their text and ignore the rest.
 * `before` closes what the app opened: `';` for a text in a WHERE (the default), `');` for a text
 * in INSERT … VALUES (…, '…').
 * @param {string} statement in upper-case SQL words, e.g. 'UPDATE dishes SET price = 0'
 * @param {{ before?: string }} [options]
 * @returns {string}
 */
export function stacked(statement, { before = "';" } = {}) {
  return assertShellSafe(`${before} ${statement}; --`);
}

/**
 * What a payload does, in words, for a failure message: `` `' OR 1=1 --` (a quote that ends your
 * text early, a condition that is true for every row, and a comment that hides the rest of your
 * SQL) ``. Recognises the shapes built above; any other text is just quoted.
 * @param {string} payload @returns {string}
 */
export function describePayload(payload) {
  const parts = [];
  // An odd number of quotes leaves one over, which closes the quoted text the app opened.
  const quotes = payload.split("'").length - 1;
  if (quotes % 2 === 1) parts.push('a quote that ends your text early');
  else if (/^\s*\d/.test(payload)) parts.push('no quote at all, for a number joined into the SQL');
  if (/;\s*[A-Z]/.test(payload)) parts.push('a second statement after a semicolon');
  else if (/\bUNION\s+SELECT\b/i.test(payload)) parts.push('UNION SELECT, which adds rows of its own choosing to your answer');
  else if (/\bOR\s+'?1'?\s*=\s*'?1\b/i.test(payload)) parts.push('a condition that is true for every row');
  else if (/\bCASE\s+WHEN\b/i.test(payload)) parts.push('CASE WHEN, which makes the order of the rows answer a question about data you never meant to show');
  if (/--\s*$/.test(payload)) parts.push('a comment that hides the rest of your SQL');
  if (parts.length === 0) return `\`${payload}\``;
  const words = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `\`${payload}\` (${words})`;
}

/**
 * Which secrets appear in a response: `secrets` maps what each one is, in words ("the password
 * hash of marta"), to a text the app must never send for this request. Returns the words of those
 * found, in order.
 * @param {string} text the response text (reply.text) @param {Record<string, string>} secrets
 * @returns {string[]}
 */
export function findLeaks(text, secrets) {
  return Object.entries(secrets)
    .filter(([, secret]) => secret !== '' && text.includes(secret))
    .map(([what]) => what);
}

/**
 * "a" / "a and b" / "a, b and c", for a list of leaks or other findings.
 * @param {string[]} items @returns {string}
 */
export function listInWords(items) {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * What a status says about an attack's text, for a failure message: a 500 means the text broke the
 * SQL (it was read as part of the statement); other statuses get no comment ('').
 * @param {number} status @returns {string}
 */
export function statusMeaning(status) {
  if (status >= 500) {
    return 'A 500 here usually means the text broke your SQL: SQLite read it as part of the statement instead of as a value, which is exactly what an attacker builds on.';
  }
  return '';
}
