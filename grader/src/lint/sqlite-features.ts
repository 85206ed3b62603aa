/**
 * SQL features newer than SQLite 3.34, the version a WebContainer gives `sqlite3` (a WASM build), with
 * the release that added each (from sqlite.org's release log) and what to write instead. Locally the
 * native sqlite3 is much newer, so such SQL passes `npm run verify` and then fails in the learner's browser.
 */
export interface SqliteFeature {
  name: string;
  /** The first SQLite release that has it. */
  since: string;
  pattern: RegExp;
  instead: string;
  /** Warnings are for features that depend on how SQLite was compiled, not only on its version. */
  severity?: 'warning';
}

const fn = (name: string) => new RegExp(`(?<![\\w.])${name}\\s*\\(`, 'i');

export const SQLITE_FEATURES: SqliteFeature[] = [
  {
    name: 'RETURNING',
    since: '3.35',
    pattern: /\bRETURNING\b/i,
    instead:
      'run the write, then read this.lastID / this.changes in the db.run callback, or SELECT the row afterwards',
  },
  {
    name: 'ALTER TABLE … DROP COLUMN',
    since: '3.35',
    pattern: /\bALTER\s+TABLE\s+\S+\s+DROP\b/i,
    instead:
      'create a new table without the column, copy the rows across, drop the old table and rename the new one',
  },
  {
    name: 'MATERIALIZED hints on a WITH clause',
    since: '3.35',
    pattern: /\bAS\s+(?:NOT\s+)?MATERIALIZED\b/i,
    instead: 'remove the MATERIALIZED / NOT MATERIALIZED hint',
  },
  {
    name: 'ON CONFLICT DO UPDATE without a conflict target',
    since: '3.35',
    pattern: /\bON\s+CONFLICT\s+DO\s+UPDATE\b/i,
    instead: 'name the conflict target: ON CONFLICT (column) DO UPDATE …',
  },
  {
    name: 'several ON CONFLICT clauses in one upsert',
    since: '3.35',
    pattern: /\bON\s+CONFLICT\b[^;]*?\bDO\b[^;]*?\bON\s+CONFLICT\b/i,
    instead: 'keep one ON CONFLICT (column) DO … clause, or check for the row first',
  },
  {
    name: 'STRICT tables',
    since: '3.37',
    pattern: /\)\s*(?:WITHOUT\s+ROWID\s*,\s*)?STRICT\b/i,
    instead: "drop STRICT and add CHECK constraints, e.g. CHECK (typeof(price) = 'integer')",
  },
  {
    name: 'the -> and ->> JSON operators',
    since: '3.38',
    pattern: /->>?/,
    instead: "use json_extract(column, '$.field')",
  },
  {
    name: 'unixepoch()',
    since: '3.38',
    pattern: fn('unixepoch'),
    instead: "use CAST(strftime('%s', 'now') AS INTEGER)",
  },
  { name: 'format()', since: '3.38', pattern: fn('format'), instead: 'use printf(), its older name' },
  {
    name: 'RIGHT and FULL OUTER JOIN',
    since: '3.39',
    pattern: /\b(?:RIGHT|FULL)\s+(?:OUTER\s+)?JOIN\b/i,
    instead: 'swap the two tables and use LEFT JOIN',
  },
  {
    name: 'IS [NOT] DISTINCT FROM',
    since: '3.39',
    pattern: /\bIS\s+(?:NOT\s+)?DISTINCT\s+FROM\b/i,
    instead: 'use IS / IS NOT, which already treat NULLs as equal',
  },
  {
    name: 'unhex()',
    since: '3.41',
    pattern: fn('unhex'),
    instead: "decode the hex in JavaScript (Buffer.from(text, 'hex'))",
  },
  {
    name: 'octet_length()',
    since: '3.43',
    pattern: fn('octet_length'),
    instead: 'use length(CAST(x AS BLOB))',
  },
  {
    name: 'timediff()',
    since: '3.43',
    pattern: fn('timediff'),
    instead: 'subtract julianday() values (days) and multiply as needed',
  },
  { name: 'concat()', since: '3.44', pattern: fn('concat'), instead: "use the || operator: a || ' ' || b" },
  {
    name: 'concat_ws()',
    since: '3.44',
    pattern: fn('concat_ws'),
    instead: "use the || operator with the separator: a || ', ' || b",
  },
  {
    name: 'string_agg()',
    since: '3.44',
    pattern: fn('string_agg'),
    instead: 'use group_concat(x, separator)',
  },
  {
    name: 'ORDER BY inside an aggregate function',
    since: '3.44',
    pattern: /\b(?:group_concat|json_group_array|json_group_object)\s*\([^()]*\bORDER\s+BY\b/i,
    instead: 'sort the rows in a subquery first, then aggregate them',
  },
  {
    name: 'jsonb functions',
    since: '3.45',
    pattern: /(?<![\w.])jsonb(?:_\w+)?\s*\(/i,
    instead: 'use the json_* functions',
  },
  {
    name: 'json_pretty()',
    since: '3.46',
    pattern: fn('json_pretty'),
    instead: 'format the JSON in JavaScript with JSON.stringify(value, null, 2)',
  },
  {
    name: 'underscores in numbers',
    since: '3.46',
    pattern: /(?<![\w'])\d+(?:_\d+)+\b/,
    instead: 'write the number without underscores',
  },
  {
    name: 'median() and percentile()',
    since: '3.47',
    pattern: /(?<![\w.])(?:median|percentile(?:_cont|_disc)?)\s*\(/i,
    instead: 'compute it in JavaScript',
  },
  {
    name: 'if()',
    since: '3.48',
    pattern: fn('if'),
    instead: 'use iif(condition, then, else) (3.32) or CASE WHEN … END',
  },
  {
    name: 'unistr()',
    since: '3.50',
    pattern: fn('unistr'),
    instead: 'write the character itself, or use char(code)',
  },
  {
    name: 'built-in math functions',
    since: '3.35',
    severity: 'warning',
    pattern:
      /(?<![\w.])(?:acosh?|asinh?|atan2|atanh?|ceil|ceiling|cosh?|degrees|exp|floor|ln|log|log10|log2|mod|pi|pow|power|radians|sinh?|sqrt|tanh?|trunc)\s*\(/i,
    instead:
      'use arithmetic (x % y, CAST(x AS INTEGER), round()) or compute it in JavaScript; they only exist when SQLite was compiled with SQLITE_ENABLE_MATH_FUNCTIONS',
  },
];
