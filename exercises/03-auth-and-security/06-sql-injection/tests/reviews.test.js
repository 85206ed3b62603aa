import { describe, test } from 'vitest';
import { countRows, expectRow, queryDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';
import { NUMERIC_ALWAYS_TRUE, describePayload, stacked } from '../grading/injection.js';
import { MENU, STAFF, segment, whatCameBack } from './kitchen.js';

const ADVICE =
  ' The review text became part of your SQL (and db.exec runs every statement in the text it is given): store the review with db.run, one statement, with its values through ? placeholders.';

function review(dishId, text) {
  return request('POST', `/dishes/${dishId}/reviews`, { body: { text } });
}

/** The review was answered 201 with itself and stored exactly as sent. */
async function expectStoredAsSent(res, dishId, text, what) {
  res.expect(
    res.status === 201 && res.body?.text === text && res.body?.dishId === dishId && Number.isInteger(res.body?.id),
    `201 with the review as sent, { "id": <its id>, "dishId": ${dishId}, "text": ${JSON.stringify(text)} }, for ${what}; ` +
      `got ${res.status} with ${JSON.stringify(res.body) ?? 'no JSON body'}.${whatCameBack(res)}${ADVICE}`,
  );
  const [row] = await queryDatabase('SELECT dish_id, text FROM reviews WHERE id = ?', [res.body.id]);
  res.expect(
    row?.text === text && row?.dish_id === dishId,
    `the review ${res.body.id} of dish ${dishId} to be stored in the reviews table exactly as sent, ${JSON.stringify(text)}; ` +
      `${row ? `the table has dish ${row.dish_id} with ${JSON.stringify(row.text)}` : 'the table has no review with that id'}.${ADVICE}`,
  );
}

describe('4. Store a review as it was written', () => {
  test('POST /dishes/5/reviews answers 201 with the review, and stores it in the reviews table', async () => {
    const text = 'Best lamb stew in town.';
    const res = await review(5, text);
    res.expectStatus(201);
    res.expectJson({ id: res.body?.id, dishId: 5, text });
    res.expect(Number.isInteger(res.body.id), `the new review's "id", a whole number; got ${JSON.stringify(res.body.id)}`);
    await expectRow('reviews', { id: res.body.id }, { dish_id: 5, text });
  });

  test('a review of a dish that is not on the menu answers 404, one without text or with only spaces 400, and none is stored', async () => {
    await learnerApp();
    const before = await countRows('reviews');
    const hidden = await review(7, 'Can I order this?');
    hidden.expectError(404);
    const missing = await request('POST', '/dishes/3/reviews', { body: {} });
    missing.expectError(400);
    const noBody = await request('POST', '/dishes/3/reviews');
    noBody.expectError(400);
    const empty = await review(3, '   ');
    empty.expectError(400);
    const after = await countRows('reviews');
    empty.expect(after === before, `no new review in the reviews table; it has ${after - before} more`);
  });

  test("a review with apostrophes (O'Brien's stew isn't bad) is stored exactly as written", async () => {
    const text = "O'Brien's stew isn't bad.";
    const res = await review(4, text);
    await expectStoredAsSent(res, 4, text, 'a review with apostrophes');
  });

  test('a review that tries a second statement, DROP TABLE staff, is stored as written and the staff table keeps its rows', async () => {
    const text = `Lovely stew${stacked('DROP TABLE staff', { before: "');" })}`;
    const res = await review(5, text);
    const [table] = await queryDatabase("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'staff'");
    const members = table ? await countRows('staff') : 0;
    res.expect(
      members === STAFF.length,
      `the staff table to keep its ${STAFF.length} members after the review ${describePayload(text)}; ` +
        `${table ? `it has ${members}` : 'the table is gone: the review dropped it'}.${ADVICE}`,
    );
    await expectStoredAsSent(res, 5, text, `the review ${describePayload(text)}`);
  });

  test('a review that tries a second statement, UPDATE dishes SET price = 0, is stored as written and no price changes', async () => {
    const text = stacked('UPDATE dishes SET price = 0', { before: "');" });
    const res = await review(3, text);
    const prices = await queryDatabase('SELECT id, price FROM dishes WHERE on_menu = 1 ORDER BY id');
    const changed = MENU.filter((dish) => prices.find((row) => row.id === dish.id)?.price !== dish.price);
    res.expect(
      changed.length === 0,
      `every price to stay as it was after the review ${describePayload(text)}; ` +
        `${changed.map((dish) => `${dish.name} costs ${prices.find((row) => row.id === dish.id)?.price ?? 'nothing'} instead of ${dish.price}`).join(', ')}.${ADVICE}`,
    );
    await expectStoredAsSent(res, 3, text, `the review ${describePayload(text)}`);
  });

  test(`a review for the dish ${NUMERIC_ALWAYS_TRUE} answers 404 and is not stored`, async () => {
    const text = 'Which dish is this?';
    const res = await review(segment(NUMERIC_ALWAYS_TRUE), text);
    const stored = await countRows('reviews', { text });
    res.expect(
      (res.status === 404 || res.status === 400) && stored === 0,
      `404 (or 400) for a review of the dish ${describePayload(NUMERIC_ALWAYS_TRUE)}, which is not the id of any dish, and no review stored; ` +
        `got ${res.status}, and the reviews table has ${stored} review${stored === 1 ? '' : 's'} with that text.${whatCameBack(res)}` +
        ' The id became part of your SQL: give it to SQLite as a value, through a ? placeholder.',
    );
  });
});
