import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { MENU, ORDER, needsLimit, orderCount, parameter, placeOrder, placeOrders, retryAfter, startApp, statuses, waitSeconds } from './limits.js';

describe('1. Refuse the sixth order in a minute', () => {
  test('five orders in a row answer 201, and the sixth and seventh answer 429', async () => {
    const app = await startApp();
    const replies = await placeOrders(app, 7);
    const last = replies.at(-1);
    last.expect(
      replies.slice(0, 5).every((res) => res.status === 201),
      `the first five orders to answer 201; they answered ${statuses(replies.slice(0, 5))}`,
    );
    replies[0].expectJsonContaining(ORDER);
    replies[5].expectStatus(429);
    last.expectStatus(429);
  });

  test('the 429 is a problem: application/problem+json, type too-many-requests, status 429 and a detail', async () => {
    const app = await startApp();
    const res = (await placeOrders(app, 6)).at(-1);
    res.expectStatus(429);
    res.expectHeader('content-type', /^application\/problem\+json/, 'the content type application/problem+json (a problem details object)');
    const body = res.body ?? {};
    res.expect(body.type === 'https://kitchen.example/problems/too-many-requests', `"type": "https://kitchen.example/problems/too-many-requests"; got ${JSON.stringify(body.type) ?? 'no type'}`);
    res.expect(body.status === 429, `"status": 429; got ${JSON.stringify(body.status) ?? 'no status'}`);
    res.expect(typeof body.title === 'string' && body.title.trim() !== '', `a "title" that is text and not empty; got ${JSON.stringify(body.title) ?? 'no title'}`);
    res.expect(typeof body.detail === 'string' && body.detail.trim() !== '', `a "detail" that is text and not empty; got ${JSON.stringify(body.detail) ?? 'no detail'}`);
  });

  test('a refused order is not stored', async () => {
    const app = await startApp();
    await placeOrders(app, 5);
    const before = await orderCount();
    const res = await placeOrder(app);
    res.expectStatus(429);
    const after = await orderCount();
    res.expect(after === before, `a refused order to be stored nowhere; the orders table went from ${before} to ${after} rows`);
  });
});

describe('2. Say when to try again', () => {
  test('the 429 has a Retry-After header: the whole seconds until the window ends, from 1 to 60', async () => {
    const app = await startApp();
    const replies = await placeOrders(app, 6);
    needsLimit(replies);
    const res = replies.at(-1);
    const seconds = retryAfter(res);
    res.expect(
      seconds !== undefined && seconds >= 1 && seconds <= 60,
      `a Retry-After header with a whole number of seconds from 1 to 60; got ${res.headers['retry-after'] === undefined ? 'none' : `"${res.headers['retry-after']}"`}`,
    );
  });

  test('Retry-After counts down: 20 seconds later it is 20 less', async () => {
    const app = await startApp();
    const replies = await placeOrders(app, 6);
    needsLimit(replies);
    const first = retryAfter(replies.at(-1));
    replies.at(-1).needsTask(2, first !== undefined && first > 21, 'the 429 should have a Retry-After of the seconds left in the window');
    waitSeconds(20);
    const res = await placeOrder(app);
    res.expectStatus(429);
    const later = retryAfter(res);
    res.expect(
      later !== undefined && later >= first - 21 && later <= first - 19,
      `Retry-After to be about ${first - 20} twenty seconds after it was ${first}; got ${res.headers['retry-after'] === undefined ? 'none' : `"${res.headers['retry-after']}"`}`,
    );
  });
});

describe('3. Show the quota on every answer', () => {
  test('each of five orders has RateLimit-Policy with q=5 and w=60', async () => {
    const app = await startApp();
    for (const res of await placeOrders(app, 5)) {
      res.expectStatus(201);
      const policy = res.headers['ratelimit-policy'];
      res.expect(
        parameter(policy, 'q') === 5 && parameter(policy, 'w') === 60,
        `a RateLimit-Policy header with q=5 (five requests) and w=60 (in 60 seconds), such as "5-in-1min"; q=5; w=60; got ${policy === undefined ? 'none' : `"${policy}"`}`,
      );
    }
  });

  test('the RateLimit header counts the orders left, r=4 down to r=0, and t, the seconds until the window ends', async () => {
    const app = await startApp();
    const replies = await placeOrders(app, 5);
    for (const [index, res] of replies.entries()) {
      res.expectStatus(201);
      const header = res.headers.ratelimit;
      const left = parameter(header, 'r');
      const seconds = parameter(header, 't');
      res.expect(
        left === 4 - index && seconds !== undefined && seconds >= 1 && seconds <= 60,
        `after order ${index + 1} of 5, a RateLimit header with r=${4 - index} (orders left) and t from 1 to 60 (seconds until the window ends), such as "5-in-1min"; r=${4 - index}; t=60; got ${header === undefined ? 'none' : `"${header}"`}`,
      );
    }
  });

  test('the refused sixth order has a RateLimit header too, with r=0', async () => {
    const app = await startApp();
    const replies = await placeOrders(app, 6);
    needsLimit(replies);
    const res = replies.at(-1);
    const header = res.headers.ratelimit;
    res.expect(parameter(header, 'r') === 0, `a RateLimit header with r=0 on the 429; got ${header === undefined ? 'none' : `"${header}"`}`);
  });
});

describe('4. Tell clients apart behind the proxy', () => {
  test('when one client has used its five orders, another client can still order', async () => {
    const app = await startApp();
    const replies = await placeOrders(app, 6, { ip: '203.0.113.10' });
    needsLimit(replies);
    const res = await placeOrder(app, { ip: '203.0.113.20' });
    res.expect(
      res.status === 201,
      `201 for the first order of the client 203.0.113.20, after the client 203.0.113.10 used its five; got ${res.status}. ` +
        'Both came through the proxy, so both have the same socket address: req.ip must come from X-Forwarded-For',
    );
  });

  test('a client cannot get a fresh limit by writing addresses of its own in front of the one the proxy added', async () => {
    const app = await startApp();
    needsLimit(await placeOrders(app, 6, { ip: '203.0.113.30' }));
    const replies = [];
    for (let i = 1; i <= 6; i++) replies.push(await placeOrder(app, { forwardedFor: `10.0.0.${i}, 198.51.100.7` }));
    replies[5].expect(
      replies[5].status === 429,
      `the sixth order of the client 198.51.100.7 to answer 429, although each of its requests started X-Forwarded-For with another made-up address (10.0.0.1 to 10.0.0.6); the orders answered ${statuses(replies)}. ` +
        'Only the last address, the one your proxy added, can be trusted: trust exactly one proxy',
    );
  });
});

describe('5. Start a new window after a minute', () => {
  test('a refused client can order again once the Retry-After seconds have passed, and not before', async () => {
    const app = await startApp();
    const replies = await placeOrders(app, 6);
    needsLimit(replies);
    const seconds = retryAfter(replies.at(-1));
    replies.at(-1).needsTask(2, seconds !== undefined && seconds >= 1 && seconds <= 60, 'the 429 should have a Retry-After of the seconds left in the window');
    if (seconds > 2) {
      waitSeconds(seconds - 2);
      const early = await placeOrder(app);
      early.expect(early.status === 429, `429 still, ${seconds - 2} seconds after a Retry-After of ${seconds}; got ${early.status}`);
      waitSeconds(3);
    } else {
      waitSeconds(seconds + 1);
    }
    const res = await placeOrder(app);
    res.expect(res.status === 201, `201 once the window has ended (the clock moved on ${seconds + 1} seconds after a Retry-After of ${seconds}); got ${res.status}`);
  });

  test('the new window holds five orders again, and refuses the sixth', async () => {
    const app = await startApp();
    needsLimit(await placeOrders(app, 6));
    waitSeconds(61);
    const replies = await placeOrders(app, 6);
    replies.at(-1).expect(
      statuses(replies) === '201, 201, 201, 201, 201, 429',
      `five orders to answer 201 and the sixth 429 in the minute after the first window; they answered ${statuses(replies)}`,
    );
  });
});

describe('6. Leave the menu unlimited', () => {
  test('GET /menu answers 200 twenty times in a row', async () => {
    const app = await startApp();
    const replies = [];
    for (let i = 0; i < 20; i++) replies.push(await request('GET', '/menu', { app }));
    const refused = replies.findIndex((res) => res.status !== 200);
    const res = replies[refused === -1 ? 19 : refused];
    res.expect(refused === -1, `every GET /menu to answer 200; request ${refused + 1} answered ${res.status}`);
  });

  test('a client that may not order for now can still read the menu', async () => {
    const app = await startApp();
    needsLimit(await placeOrders(app, 6));
    const res = await request('GET', '/menu', { app });
    res.expectStatus(200);
    res.expectJson(MENU);
  });
});
