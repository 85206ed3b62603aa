// What the paging tests share: the expected lists, read from the learner's database with the order the
// instructions define, and a client that follows next links page by page.
import { queryDatabase, writeDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';

const COLUMNS = { createdAt: 'created_at', title: 'title' };

/**
 * The ids of the recipes that match `q`, in the order of `sort`, read from the table: title contains
 * q in any case of plain letters; equal values ordered by id in the same direction.
 */
export async function expectedIds({ q, sort = '-createdAt' } = {}) {
  await learnerApp();
  const descending = sort.startsWith('-');
  const column = COLUMNS[descending ? sort.slice(1) : sort];
  const direction = descending ? 'DESC' : 'ASC';
  const where = q ? 'WHERE instr(lower(title), lower(?)) > 0' : '';
  const rows = await queryDatabase(
    `SELECT id FROM recipes ${where} ORDER BY ${column} ${direction}, id ${direction}`,
    q ? [q] : [],
  );
  return rows.map((row) => row.id);
}

/** The ids of the recipes on a reply's page, after checking the { items, next } shape. */
export function pageIds(res) {
  res.expectStatus(200);
  res.expect(
    res.body !== null && typeof res.body === 'object' && Array.isArray(res.body.items),
    `a JSON object like { "items": [ … ], "next": … }, with the recipes in "items"; got ${JSON.stringify(res.body)?.slice(0, 200) ?? 'no JSON body'}`,
  );
  for (const item of res.body.items) {
    res.expect(
      Number.isInteger(item?.id) && typeof item?.title === 'string' && typeof item?.createdAt === 'string',
      `every recipe in "items" to be { "id", "title", "createdAt" }; got ${JSON.stringify(item)}`,
    );
  }
  return res.body.items.map((item) => item.id);
}

/** "4, 17, 33" or "none"; past ten ids, "… and 12 more". */
export function list(ids) {
  if (ids.length === 0) return 'none';
  return ids.length > 10 ? `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more` : ids.join(', ');
}

/** A 400 with { errors: [{ field, message }] } naming `field`. */
export function expectQueryError(res, field, what) {
  res.expectStatus(400);
  const errors = res.body?.errors;
  res.expect(
    Array.isArray(errors) && errors.length > 0 && errors.every((entry) => typeof entry?.field === 'string' && typeof entry?.message === 'string'),
    `a JSON body like { "errors": [{ "field": "${field}", "message": "…" }] }${what}; got ${JSON.stringify(res.body) ?? 'no JSON body'}`,
  );
  const named = [...new Set(errors.map((entry) => entry.field))];
  res.expect(named.length === 1 && named[0] === field, `the errors to name "${field}"${what}; they name ${named.map((name) => `"${name}"`).join(', ')}`);
}

let added = 0;

/** Writes a new recipe into the table, newer than every other; returns its id. */
export async function addNewestRecipe() {
  added += 1;
  const createdAt = new Date(Date.UTC(2026, 5, 1, 0, 0, added)).toISOString();
  const { lastID } = await writeDatabase('INSERT INTO recipes (title, created_at) VALUES (?, ?)', [`Special of the day ${added}`, createdAt]);
  return lastID;
}

/**
 * Follows next links from `firstPath` until next is null, calling `between` before each page after
 * the first; returns every page's ids, in order. Fails on a link that does not start with /recipes?,
 * a page that does not answer 200, or more pages than `maxPages`.
 */
export async function followNext(firstPath, { between, maxPages = 60 } = {}) {
  const pages = [];
  let path = firstPath;
  let res;
  while (path !== null) {
    if (pages.length > 0 && between) await between();
    res = await request('GET', path);
    const ids = pageIds(res);
    pages.push({ path, ids });
    const next = res.body.next;
    res.expect(
      next === null || (typeof next === 'string' && next.startsWith('/recipes?')),
      `"next" to be null or a link starting with "/recipes?"; got ${JSON.stringify(next)}`,
    );
    res.expect(
      pages.length < maxPages,
      `"next" to reach null within ${maxPages} pages when starting at ${firstPath}; it was still a link after ${maxPages} pages, so the links go round in circles (the last one was ${next})`,
    );
    path = next;
  }
  return { pages, last: res };
}

/** Checks that the walk showed each id of `expected` exactly once, and no id twice. */
export function expectEachOnce(res, pages, expected, firstPath) {
  const seen = new Map();
  pages.forEach((page, index) => {
    for (const id of page.ids) seen.set(id, [...(seen.get(id) ?? []), index + 1]);
  });
  const twice = [...seen].filter(([, on]) => on.length > 1);
  res.expect(
    twice.length === 0,
    `every recipe to be shown once when following "next" from ${firstPath}; ${twice
      .slice(0, 5)
      .map(([id, on]) => `recipe ${id} was on pages ${on.join(' and ')}`)
      .join(', ')}`,
  );
  const missing = expected.filter((id) => !seen.has(id));
  res.expect(
    missing.length === 0,
    `every recipe to be shown when following "next" from ${firstPath} (${pages.length} pages); recipes ${list(missing)} never were`,
  );
}
