import { isDeepStrictEqual } from 'node:util';
import { describe, test } from 'vitest';
import { countRows } from '../grading/db.js';
import { expectedReport, getJob, jobPath, postReport, queueReport, restartApp, sendReport, startApp, stopApps, waitSeconds } from './jobs.js';

/** Fails unless GET path shows the job with this status. */
async function expectStatus(app, path, status, when) {
  const res = await getJob(app, path);
  res.expectStatus(200);
  res.expect(res.body?.status === status, `the job to be "${status}" ${when}; it is ${JSON.stringify(res.body?.status) ?? 'without a status'}`);
  return res;
}

describe('1. Accept the report and queue it', () => {
  test('POST /reports answers 202 Accepted at once, before the report is built', async () => {
    const app = await startApp();
    const res = await postReport(app, '2026-11');
    res.expect(
      res.slowBy === 0,
      `an answer at once; your app answered only after the grader had moved its clock on by ${res.slowBy} s, so the request waited for the report: answer 202 first, and let the worker build the report`,
    );
    res.expectStatus(202);
  });

  test('the 202 has a Location header /jobs/<id> and the body { "id": <id>, "status": "queued" }', async () => {
    const app = await startApp();
    const res = await postReport(app, '2026-11');
    res.expectStatus(202);
    const path = jobPath(res);
    res.expect(path !== undefined, `a Location header such as /jobs/1; got ${res.headers.location === undefined ? 'none' : JSON.stringify(res.headers.location)}`);
    res.expectJsonContaining({ status: 'queued' });
    res.expect(path === `/jobs/${res.body.id}`, `the Location ${path} to name the job of the body's id (/jobs/${res.body.id})`);
  });

  test('GET /jobs/<id> right after answers 200 with { "id": <id>, "status": "queued" }', async () => {
    const app = await startApp();
    const created = await postReport(app, '2026-11');
    const path = jobPath(created);
    created.expect(created.status === 202 && path !== undefined, `status 202 with a Location header /jobs/<id>; got ${created.status} and ${created.headers.location === undefined ? 'no Location' : `Location ${JSON.stringify(created.headers.location)}`}`);
    const res = await expectStatus(app, path, 'queued', 'before the worker has looked at the queue');
    res.expectJson({ id: created.body.id, status: 'queued' });
  });

  test('GET /jobs/99999, a job that does not exist, answers 404 with a JSON error', async () => {
    const app = await startApp();
    const res = await getJob(app, '/jobs/99999');
    res.expectError(404);
  });

  for (const month of ['November', '2026-11-05', 'in 2026-11']) {
    test(`a month that is not YYYY-MM (${JSON.stringify(month)}) answers 400 with a JSON error, and queues nothing`, async () => {
      const app = await startApp();
      const before = await countRows('jobs');
      const res = await postReport(app, month);
      res.expectError(400);
      const after = await countRows('jobs');
      res.expect(after === before, `no new job; the jobs table went from ${before} to ${after} rows`);
    });
  }

  test('POST /reports without a body answers 400 with a JSON error', async () => {
    const app = await startApp();
    const res = await sendReport(app, undefined);
    res.expectError(400);
  });
});

describe('2. Work through the queue', () => {
  test('one second after POST the job is "running"', async () => {
    const app = await startApp();
    const path = await queueReport(app, '2026-11');
    await waitSeconds(1);
    await expectStatus(app, path, 'running', 'one second after it was queued (the worker checks every second, and buildReport takes 2 seconds)');
  });

  test('three seconds after POST the job is "done", with the report as its "result"', async () => {
    const app = await startApp();
    const path = await queueReport(app, '2026-11');
    await waitSeconds(3);
    const res = await expectStatus(app, path, 'done', 'three seconds after it was queued (one second in the queue, two for buildReport)');
    const report = await expectedReport('2026-11');
    res.expect(
      isDeepStrictEqual(res.body.result, report),
      `"result": ${JSON.stringify(report)}, what buildReport returned; got ${JSON.stringify(res.body.result) ?? 'no result'}`,
    );
  });

  test('two reports queued together are both done, each with its own month, within eight seconds', async () => {
    const app = await startApp();
    const october = await queueReport(app, '2026-10');
    const december = await queueReport(app, '2026-12');
    await waitSeconds(8);
    for (const [path, month] of [
      [october, '2026-10'],
      [december, '2026-12'],
    ]) {
      const res = await expectStatus(app, path, 'done', 'eight seconds after two reports were queued');
      const report = await expectedReport(month);
      res.expect(
        isDeepStrictEqual(res.body.result, report),
        `"result": ${JSON.stringify(report)} for ${month}; got ${JSON.stringify(res.body.result) ?? 'no result'}`,
      );
    }
  });
});

describe('3. Say why a job failed', () => {
  test('a report for a month without orders ends "failed", with the error buildReport threw', async () => {
    const app = await startApp();
    const path = await queueReport(app, '1999-01');
    await waitSeconds(3);
    const res = await getJob(app, path);
    res.expectStatus(200);
    res.expect(
      res.body?.status === 'failed',
      `the job to be "failed" three seconds after it was queued, because buildReport threw; it is ${JSON.stringify(res.body?.status) ?? 'without a status'}` +
        (res.body?.status === 'running' ? ': catch the error and store the failure, or the job stays "running" for ever' : ''),
    );
    res.expect(
      res.body.error === 'No orders in 1999-01: nothing to report.',
      `"error": "No orders in 1999-01: nothing to report." (the message of the error buildReport threw); got ${JSON.stringify(res.body.error) ?? 'no error'}`,
    );
  });

  test('after a job failed, the worker goes on: the next report is done', async () => {
    const app = await startApp();
    await queueReport(app, '1999-01');
    const next = await queueReport(app, '2026-11');
    await waitSeconds(8);
    await expectStatus(app, next, 'done', 'eight seconds after it was queued behind a job that failed');
  });
});

describe('4. Keep jobs through a restart', () => {
  test('a job queued just before a restart is still there afterwards, and the new app builds it', async () => {
    const first = await startApp();
    const path = await queueReport(first, '2026-11');
    stopApps();
    const second = await restartApp();
    const res = await getJob(second, path);
    res.expect(res.status === 200, `status 200, got ${res.status}: the job queued before the restart must still be there afterwards, so keep jobs in the jobs table, not in the app's memory`);
    res.expect(res.body?.status === 'queued', `the job to be "queued" when the app has just restarted; it is ${JSON.stringify(res.body?.status) ?? 'without a status'}`);
    res.expectJsonContaining({ id: Number(path.split('/').at(-1)) });
    await waitSeconds(3);
    await expectStatus(second, path, 'done', 'three seconds after the restarted app started');
  });

  test('a done job keeps its result through a restart', async () => {
    const first = await startApp();
    const path = await queueReport(first, '2026-10');
    await waitSeconds(3);
    const before = await getJob(first, path);
    before.needsTask(2, before.body?.status === 'done', 'the job should be "done" three seconds after it was queued');
    stopApps();
    const second = await restartApp();
    const res = await getJob(second, path);
    res.expect(res.status === 200, `status 200, got ${res.status}: a done job must still be there after a restart, so keep jobs in the jobs table, not in the app's memory`);
    res.expectJson(before.body);
  });
});
