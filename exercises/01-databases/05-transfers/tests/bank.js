// What the transfer tests share: reading balances and transfers straight from the learner's database
// file, and the sentences that explain a difference.
import { countRows, queryDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';

/** The balances of these accounts, read from the database file: { [id]: balance }. */
export async function balances(...ids) {
  // The app creates and fills its database when it is imported, so load it before reading the file.
  await learnerApp();
  const rows = await queryDatabase(`SELECT id, balance FROM accounts WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
  return Object.fromEntries(ids.map((id) => [id, rows.find((row) => row.id === id)?.balance]));
}

/** How many rows the transfers table holds. */
export async function transferCount() {
  await learnerApp();
  return countRows('transfers');
}

/** The transfers row with this id, or undefined. */
export async function transferRow(id) {
  const [row] = await queryDatabase('SELECT id, from_id, to_id, amount FROM transfers WHERE id = ?', [id ?? null]);
  return row;
}

/** Says how each balance moved, e.g. 'account 1 went from 500 to 470 euros'. */
export function describeMoves(before, after) {
  return Object.keys(before)
    .map((id) =>
      before[id] === after[id]
        ? `account ${id} stayed at ${before[id]} euros`
        : `account ${id} went from ${before[id]} to ${after[id]} euros`,
    )
    .join(', ');
}

/**
 * Checks, on the reply that should have changed nothing, that both balances and the transfers table
 * are as they were.
 */
export async function expectNothingChanged(res, before, countBefore) {
  const after = await balances(...Object.keys(before).map(Number));
  const changed = Object.keys(before).some((id) => before[id] !== after[id]);
  res.expect(!changed, `both balances to stay as they were; in your database file ${describeMoves(before, after)}`);
  const countAfter = await transferCount();
  res.expect(
    countAfter === countBefore,
    `no new row in the transfers table; it went from ${countBefore} to ${countAfter} rows`,
  );
}

/**
 * Sends a valid transfer and fails unless it answers 201 and moves the money. `afterWhat` says what
 * happened just before, so a failure can point at the transaction that was left open.
 */
export async function expectValidTransfer(from, to, amount, afterWhat) {
  const before = await balances(from, to);
  const res = await request('POST', '/transfers', { body: { from, to, amount } });
  if (!afterWhat) {
    res.expect(
      res.status === 201,
      `status 201 for a valid transfer of ${amount} euros from account ${from} to account ${to}; got ${res.status}. ` +
        'This needs task 1 first: make a single transfer work',
    );
  } else {
    res.expect(
      res.status === 201,
      `status 201 for a valid transfer sent right after ${afterWhat}; got ${res.status}. The same transfer worked ` +
        'before it, so the refused transfer probably left its transaction open: end every transaction with COMMIT ' +
        'or ROLLBACK before you answer',
    );
  }
  const after = await balances(from, to);
  res.expect(
    after[from] === before[from] - amount && after[to] === before[to] + amount,
    `account ${from} to send ${amount} euros to account ${to}; in your database file ${describeMoves(before, after)}`,
  );
}
