import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { balances, expectNothingChanged, expectValidTransfer, transferCount } from './bank.js';

describe('2. Refuse a transfer that cannot happen', () => {
  test('an amount of 0, -50, 2.5, "10" or none at all answers 400 and changes nothing', async () => {
    for (const amount of [0, -50, 2.5, '10', undefined]) {
      const before = await balances(1, 2);
      const countBefore = await transferCount();
      const res = await request('POST', '/transfers', { body: { from: 1, to: 2, amount } });
      res.expectError(400);
      await expectNothingChanged(res, before, countBefore);
    }
  });

  test('an amount of exactly 1 euro is not refused: it goes through like any other transfer', async () => {
    const res = await request('POST', '/transfers', { body: { from: 9, to: 10, amount: 1 } });
    res.expect(
      res.status !== 400,
      'a transfer of 1 euro to go through: an amount must be at least 1, so 1 itself is allowed; it answered 400',
    );
    res.needsTask(1, res.status === 201, 'a valid transfer should answer 201');
  });

  test('a transfer of more money than the account holds answers 422 and changes nothing', async () => {
    const before = await balances(5, 6);
    const countBefore = await transferCount();
    const res = await request('POST', '/transfers', { body: { from: 5, to: 6, amount: before[5] + 50 } });
    res.expectError(422);
    await expectNothingChanged(res, before, countBefore);
  });

  test('a transfer of one euro more than the balance answers 422 and changes nothing', async () => {
    const before = await balances(3, 4);
    const countBefore = await transferCount();
    const res = await request('POST', '/transfers', { body: { from: 3, to: 4, amount: before[3] + 1 } });
    res.expectError(422);
    await expectNothingChanged(res, before, countBefore);
  });

  test('a valid transfer still goes through after a refused one', async () => {
    await expectValidTransfer(7, 8, 10);
    const before = await balances(9, 10);
    await request('POST', '/transfers', { body: { from: 9, to: 10, amount: before[9] + 1 } });
    await expectValidTransfer(7, 8, 10, 'one that asked for more money than the account held');
  });
});
