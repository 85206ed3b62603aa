// What the validation tests share: a dish that follows every rule, dishes the check writes into the
// table itself, and the one check of the { errors: [{ field, message }] } shape.
import { countRows, queryDatabase, writeDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';

/** A dish that follows every rule of task 1. */
export const GOOD_DISH = { name: 'Leek soup', priceCents: 750, category: 'starter', vegetarian: true };

/** Starts the app and writes a dish into its table; returns it as the API shows it. */
export async function addDish(dish = GOOD_DISH) {
  await learnerApp();
  const { lastID } = await writeDatabase(
    'INSERT INTO dishes (name, price_cents, category, vegetarian) VALUES (?, ?, ?, ?)',
    [dish.name, dish.priceCents, dish.category, dish.vegetarian ? 1 : 0],
  );
  return { id: lastID, ...dish };
}

/** The dishes row with this id, as the API shows it, or undefined. */
export async function storedDish(id) {
  const [row] = await queryDatabase(
    'SELECT id, name, price_cents AS priceCents, category, vegetarian FROM dishes WHERE id = ?',
    [id],
  );
  return row && { ...row, vegetarian: row.vegetarian === 1 };
}

export async function dishCount() {
  await learnerApp();
  return countRows('dishes');
}

/** A value for a message: `"750"` for text, `750` for a number, `(left out)` for undefined. */
export function show(value) {
  return value === undefined ? '(left out)' : JSON.stringify(value);
}

/**
 * A 400 whose body is { errors: [{ field, message }, …] }, each message text that is not empty,
 * naming exactly `fields` (in any order; a field may be named more than once).
 */
export function expectErrors(res, fields, what = '') {
  res.expectStatus(400);
  const example = `{ "errors": [{ "field": "${fields[0]}", "message": "…" }] }`;
  res.requireJson(JSON.parse(example));
  const errors = res.body?.errors;
  res.expect(Array.isArray(errors) && errors.length > 0, `a JSON body like ${example}${what}, with an "errors" array; got ${JSON.stringify(res.body)}`);
  for (const entry of errors) {
    res.expect(
      typeof entry?.field === 'string' && typeof entry?.message === 'string' && entry.message.trim() !== '',
      `every entry of "errors" to be { "field": "…", "message": "…" }, with a message that is not empty; got ${JSON.stringify(entry)}`,
    );
  }
  const named = [...new Set(errors.map((entry) => entry.field))];
  const missing = fields.filter((field) => !named.includes(field));
  const extra = named.filter((field) => !fields.includes(field));
  res.expect(
    missing.length === 0 && extra.length === 0,
    `the errors to name ${fields.map((field) => `"${field}"`).join(', ')}${what}; they name ${named.map((field) => `"${field}"`).join(', ')}`,
  );
}

/** Sends a POST /dishes that should be refused naming `fields`, and checks nothing was stored. */
export async function expectRefusedDish(body, fields, what = '') {
  const before = await dishCount();
  const res = await request('POST', '/dishes', body === undefined ? {} : { body });
  expectErrors(res, fields, what);
  const after = await dishCount();
  res.expect(after === before, `a refused dish to be stored nowhere; the dishes table went from ${before} to ${after} rows`);
  return res;
}
