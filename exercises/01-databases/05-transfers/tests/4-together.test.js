import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { balances, describeMoves } from './bank.js';

/** Sends these transfers all at once and returns the replies in the same order. */
function sendTogether(transfers) {
  return Promise.all(transfers.map((body) => request('POST', '/transfers', { body })));
}

/** "201, 201, 500, …": the statuses in the order the transfers were sent. */
function statuses(replies) {
  return replies.map((res) => res.status).join(', ');
}

/** What to look at when some of the transfers answered 500. */
function whyServerErrors(replies) {
  if (!replies.some((res) => res.status >= 500)) return '';
  return (
    '. Send two transfers at the same moment yourself and read the error your app prints: "cannot start a ' +
    'transaction within a transaction" means a second BEGIN ran on your one connection while another ' +
    "transfer's transaction was still open"
  );
}

/** Fails with "this needs task 1 first" when not one transfer went through. */
function expectSomeWentThrough(replies) {
  const last = replies.at(-1);
  last.expect(
    replies.some((res) => res.status === 201),
    `at least one of the transfers sent together to answer 201; they answered ${statuses(replies)}. ` +
      'This needs task 1 first: make a single transfer work',
  );
}

describe('4. Keep transfers that arrive together apart', () => {
  test('ten transfers of 10 euros sent together all answer 201 and move exactly 100 euros', async () => {
    const before = await balances(1, 2);
    const replies = await sendTogether(Array.from({ length: 10 }, () => ({ from: 1, to: 2, amount: 10 })));
    expectSomeWentThrough(replies);
    const last = replies.at(-1);
    last.expect(replies.every((res) => res.status === 201), `all ten transfers to answer 201; they answered ${statuses(replies)}${whyServerErrors(replies)}`);
    const after = await balances(1, 2);
    last.expect(
      after[1] === before[1] - 100 && after[2] === before[2] + 100,
      `account 1 to lose 100 euros and account 2 to gain 100; in your database file ${describeMoves(before, after)}`,
    );
  });

  test('transfers sent both ways at the same moment all answer 201 and leave both balances as they were', async () => {
    const before = await balances(3, 4);
    const replies = await sendTogether(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? { from: 3, to: 4, amount: 10 } : { from: 4, to: 3, amount: 10 })),
    );
    expectSomeWentThrough(replies);
    const last = replies.at(-1);
    last.expect(replies.every((res) => res.status === 201), `all ten transfers to answer 201; they answered ${statuses(replies)}${whyServerErrors(replies)}`);
    const after = await balances(3, 4);
    last.expect(
      after[3] === before[3] && after[4] === before[4],
      `five transfers each way to leave both balances as they were; in your database file ${describeMoves(before, after)}`,
    );
  });

  test('six transfers of 30 euros sent together from an account with 100 go through only as far as the money lasts', async () => {
    const before = await balances(5, 6);
    const amount = 30;
    const possible = Math.floor(before[5] / amount);
    const replies = await sendTogether(Array.from({ length: 6 }, () => ({ from: 5, to: 6, amount })));
    expectSomeWentThrough(replies);
    const last = replies.at(-1);
    const succeeded = replies.filter((res) => res.status === 201).length;
    const refused = replies.filter((res) => res.status >= 400 && res.status < 500).length;
    last.expect(
      succeeded === possible && refused === replies.length - possible,
      `${possible} transfers to answer 201 and the other ${replies.length - possible} to be refused (with 422), ` +
        `because account 5 held ${before[5]} euros; they answered ${statuses(replies)}${whyServerErrors(replies)}`,
    );
    const after = await balances(5, 6);
    last.expect(
      after[5] === before[5] - possible * amount && after[6] === before[6] + possible * amount,
      `account 5 to send ${possible * amount} euros to account 6; in your database file ${describeMoves(before, after)}`,
    );
  });
});
