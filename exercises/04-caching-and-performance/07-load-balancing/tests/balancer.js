// The load balancer of these tests. Each test file starts two instances of the learner's app, A and B:
// app.js imported twice as separate modules (restartedApp), so nothing a module keeps in memory (a Map,
// express-session's MemoryStore, a cached menu) is shared, while both open the same database file.
// Each instance listens on a port of its own on 127.0.0.1, and a round-robin proxy (node:http, in
// this process) sends requests to them in turn, as a real load balancer does. A test can say which
// instance should get its next request, so that "log in through A, read through B" is exact.
import http from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { request, restartedApp } from '../grading/http.js';

export const ADA = { username: 'ada', password: 'soup-of-the-day', name: 'Ada, head chef' };
export const BEN = { username: 'ben', password: 'table-for-two', name: 'Ben, waiter' };

/** The menu as app.js seeds it. */
export const MENU = [
  { id: 1, name: 'Tomato soup', priceCents: 650 },
  { id: 2, name: 'Risotto ai funghi', priceCents: 1450 },
  { id: 3, name: 'Lemon tart', priceCents: 700 },
];

const NAMES = ['A', 'B'];
/** @type {{ name: string, port: number, server: http.Server }[]} */
const instances = [];
let next = 0;

beforeAll(async () => {
  for (const name of NAMES) {
    const app = await restartedApp();
    const server = http.createServer(app);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    instances.push({ name, port: /** @type {import('node:net').AddressInfo} */ (server.address()).port, server });
  }
});

afterAll(async () => {
  for (const { server } of instances) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * The proxy: passes each request to the next instance in turn and answers with that instance's
 * answer, plus an X-Served-By header naming it.
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
 */
function balancer(req, res) {
  const instance = instances[next];
  next = (next + 1) % instances.length;
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port: instance.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, 'x-forwarded-for': '203.0.113.10', 'x-forwarded-proto': 'http' },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-served-by': `instance ${instance.name}` });
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'content-type': 'application/json', 'x-served-by': `instance ${instance.name}` });
    res.end(JSON.stringify({ error: `The load balancer could not reach instance ${instance.name}: ${error.message}` }));
  });
  req.pipe(upstream);
}

/**
 * Sends a request through the load balancer, which passes it to `instance` ('A' or 'B'). With `jar`
 * (a CookieJar), the request carries its cookies and the jar keeps the ones the answer sets.
 * @param {'A' | 'B'} instance @param {string} method @param {string} path
 * @param {{ jar?: import('../grading/cookies.js').CookieJar, headers?: Record<string,string>, body?: unknown }} [options]
 */
export function through(instance, method, path, { jar, ...options } = {}) {
  next = NAMES.indexOf(instance);
  return jar ? jar.send(method, path, { ...options, app: balancer }) : request(method, path, { ...options, app: balancer });
}
