import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { describe, test } from 'vitest';
import { databaseFile } from '../grading/db.js';
import { through } from './balancer.js';

/**
 * Runs `fn` while the database file cannot be read: its first 100 bytes, SQLite's header, are zeros,
 * so every query that reads the file fails ("file is not a database"). The header comes back after.
 */
async function whileDatabaseUnreadable(fn) {
  const fd = openSync(databaseFile(), 'r+');
  const header = Buffer.alloc(100);
  readSync(fd, header, 0, 100, 0);
  writeSync(fd, Buffer.alloc(100), 0, 100, 0);
  try {
    return await fn();
  } finally {
    writeSync(fd, header, 0, 100, 0);
    closeSync(fd);
  }
}

describe('3. Report health from the database', () => {
  test('GET /health answers 200 with { "status": "ok" } through both instances', async () => {
    for (const instance of ['A', 'B']) {
      const res = await through(instance, 'GET', '/health');
      res.expectStatus(200);
      res.expectJsonContaining({ status: 'ok' });
    }
  });

  test('while the database file cannot be read, GET /health answers 503 with { "status": "unavailable" }, and 200 again once it can', async () => {
    const healthy = await through('A', 'GET', '/health');
    healthy.expectStatus(200);
    await whileDatabaseUnreadable(async () => {
      for (const instance of ['A', 'B']) {
        const res = await through(instance, 'GET', '/health');
        res.expect(
          res.status === 503,
          `503 from instance ${instance}: the grader made the database file unreadable (a query on a table now fails with "file is not a database"), ` +
            `and your health check answered ${res.status}. It must read a table, and answer 503 when that fails, so the load balancer stops sending visitors here`,
        );
        res.expectJsonContaining({ status: 'unavailable' });
      }
    });
    const again = await through('B', 'GET', '/health');
    again.expect(again.status === 200, `200 once the database file can be read again; got ${again.status}`);
  });
});
