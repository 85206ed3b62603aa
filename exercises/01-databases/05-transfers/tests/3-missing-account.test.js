import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { balances, expectNothingChanged, expectValidTransfer, transferCount } from './bank.js';

describe('3. Leave nothing half-done when an account is missing', () => {
  test('a transfer to an account that does not exist answers 404 and takes no money', async () => {
    const before = await balances(1);
    const countBefore = await transferCount();
    const res = await request('POST', '/transfers', { body: { from: 1, to: 999, amount: 40 } });
    res.expectError(404);
    await expectNothingChanged(res, before, countBefore);
  });

  test('a transfer from an account that does not exist answers 404 and gives no money', async () => {
    const before = await balances(2);
    const countBefore = await transferCount();
    const res = await request('POST', '/transfers', { body: { from: 999, to: 2, amount: 40 } });
    res.expectError(404);
    await expectNothingChanged(res, before, countBefore);
  });

  test('a valid transfer still goes through after a 404', async () => {
    await expectValidTransfer(7, 8, 10);
    await request('POST', '/transfers', { body: { from: 3, to: 998, amount: 10 } });
    await expectValidTransfer(7, 8, 10, 'one to an account that does not exist');
  });
});
