// Runs inside the Vitest worker before each test file (vitest.config.js `setupFiles`). It makes a
// learner's app observable and survivable without changing how it behaves:
// - the app's console output is captured per test (capped) instead of flooding Vitest's RPC channel;
// - a heartbeat file lets harness.mjs notice an endless synchronous loop (which blocks this whole
//   process, so no timer in here could ever fire) and stop just this worker;
// - unhandled rejections and uncaught exceptions fail the test during which they happened;
// - an app that calls listen() on import gets a free port instead of clashing on 3000;
// - process.env.DATABASE_FILE names a fresh, empty SQLite file for this test file, and when the tests
//   read the database, the app's SQL statements are counted from the driver (db.js).
// Plain JS; the one native addon it may load is sqlite3, and only for exercises whose tests read the
// database. It also runs inside a WebContainer (Node 22, where sqlite3 is a WASM build).
import net from 'node:net';
import { format } from 'node:util';
import { afterEach, beforeEach } from 'vitest';
import { prepareDatabaseForCheck } from './db.js';
import {
  appendOutput,
  beginTestOutput,
  endTestOutput,
  fail,
  readStuckTests,
  recordAppError,
  takeAppErrors,
  writeState,
} from './runtime.js';

writeState({ phase: 'collect' });
// Before the test file, and so before the app, is imported: the app must find DATABASE_FILE set, and
// the query counter must be in the driver before the app's first statement.
await prepareDatabaseForCheck();
// unref(): the heartbeat must never keep a finished worker alive.
setInterval(() => writeState(), 200).unref();
process.on('exit', () => writeState({ phase: 'exited' }));

// Console capture. Vitest replaces `console` in the worker; replacing its methods again after that
// keeps the learner's output in this process, where it is cut to the cap before it is sent anywhere.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
  console[method] = (...args) => appendOutput(format(...args) + '\n');
}
for (const stream of [process.stdout, process.stderr]) {
  stream.write = /** @type {any} */ ((chunk, encoding, callback) => {
    appendOutput(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') queueMicrotask(() => done());
    return true;
  });
}

// Vitest makes process.exit() throw inside a worker; record it too, so the failure can say why.
const vitestExit = process.exit;
process.exit = function exit(code) {
  recordAppError('process-exit', new Error(`process.exit(${code ?? ''}) was called`));
  return vitestExit.call(process, code);
};

process.on('unhandledRejection', (reason) => recordAppError('unhandled-rejection', reason));
process.on('uncaughtException', (error) => recordAppError('uncaught-exception', error));

// server.js listens on PORT; app.js should not. If it does anyway, give it a random free port and
// don't let it hold the worker open, so the app is still gradeable through supertest.
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = /** @type {any} */ (function listen(/** @type {any[]} */ ...args) {
  const first = args[0];
  if ((typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) && Number(first) !== 0) {
    args[0] = 0;
    const server = originalListen.apply(this, /** @type {any} */ (args));
    server.unref();
    return server;
  }
  if (first && typeof first === 'object' && 'port' in first && Number(first.port) !== 0) {
    args[0] = { ...first, port: 0 };
    const server = originalListen.apply(this, /** @type {any} */ (args));
    server.unref();
    return server;
  }
  return originalListen.apply(this, /** @type {any} */ (args));
});

const stuck = readStuckTests().tests ?? {};

beforeEach((context) => {
  writeState({ phase: 'test', testId: context.task.id, request: undefined, task: undefined });
  beginTestOutput();
  takeAppErrors();
  const known = stuck[context.task.id];
  // A test that blocked the worker in an earlier attempt is not run again: it would block again.
  if (known) {
    if (known.request) context.task.meta.kitchenRequest = known.request;
    fail(known.message);
  }
});

afterEach((context) => {
  writeState({ phase: 'idle', testId: undefined });
  const output = endTestOutput();
  if (output) context.task.meta.kitchenOutput = output;
  const errors = takeAppErrors();
  const alreadyFailed = (context.task.result?.errors?.length ?? 0) > 0;
  if (errors.length > 0 && !alreadyFailed) fail(errors[0]);
});
