import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { balances, describeMoves, transferCount, transferRow } from './bank.js';

describe('1. Move money from one account to another', () => {
  test('POST /transfers answers 201 with the transfer and moves the money', async () => {
    const before = await balances(1, 2);
    const res = await request('POST', '/transfers', { body: { from: 1, to: 2, amount: 30 } });
    res.expectStatus(201);
    res.expectJsonContaining({ from: 1, to: 2, amount: 30 });
    res.expect(
      typeof res.body.id === 'number' || (typeof res.body.id === 'string' && res.body.id !== ''),
      `the transfer to have an "id"; got ${JSON.stringify(res.body.id)}`,
    );
    const after = await balances(1, 2);
    res.expect(
      after[1] === before[1] - 30 && after[2] === before[2] + 30,
      `account 1 to lose 30 euros and account 2 to gain 30; in your database file ${describeMoves(before, after)}`,
    );
  });

  test('POST /transfers records the transfer as a new row in the transfers table', async () => {
    const countBefore = await transferCount();
    const res = await request('POST', '/transfers', { body: { from: 3, to: 4, amount: 25 } });
    res.expectStatus(201);
    const countAfter = await transferCount();
    res.expect(countAfter === countBefore + 1, `one new row in the transfers table; it went from ${countBefore} to ${countAfter} rows`);
    const row = await transferRow(res.body?.id);
    res.expect(
      row?.from_id === 3 && row?.to_id === 4 && row?.amount === 25,
      `the transfers row with the id you answered (${JSON.stringify(res.body?.id)}) to have from_id 3, to_id 4 and amount 25; ` +
        `got ${row ? JSON.stringify(row) : 'no such row'}`,
    );
  });

  test('two transfers get two different ids', async () => {
    const first = await request('POST', '/transfers', { body: { from: 7, to: 8, amount: 5 } });
    const second = await request('POST', '/transfers', { body: { from: 7, to: 8, amount: 5 } });
    first.expectStatus(201);
    second.expectStatus(201);
    second.expect(
      first.body?.id !== undefined && first.body?.id !== second.body?.id,
      `a new id for every transfer; both got ${JSON.stringify(second.body?.id)}`,
    );
  });

  test('an account can send all of its money, which leaves it at 0', async () => {
    const before = await balances(11, 12);
    const res = await request('POST', '/transfers', { body: { from: 11, to: 12, amount: before[11] } });
    res.expectStatus(201);
    const after = await balances(11, 12);
    res.expect(
      after[11] === 0 && after[12] === before[12] + before[11],
      `account 11 to send all its ${before[11]} euros to account 12; in your database file ${describeMoves(before, after)}`,
    );
  });
});
