/**
 * The moments around Run when a beginner's app goes wrong (issue 13), in a real browser through the
 * local runner: an endless loop in a handler, a crash at start, a missing export, app.listen in app.js.
 */
import { expect, test, type Page } from '@playwright/test';
import { firstServerSolution, openExercise, replaceCode } from './workspace-helpers.ts';

test.describe.configure({ timeout: 90_000 });

async function run(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run' }).click();
}

test('an endless loop in a handler: the request ends within seconds, says the app is blocked, and the app is stopped', async ({
  page,
}) => {
  await openExercise(page);
  await replaceCode(page, firstServerSolution().replace("res.json({ status: 'ok' });", 'while (true) {}'));
  await run(page);
  await expect(page.locator('[data-status-text]')).toContainText(/running/, { timeout: 20_000 });
  await page.getByRole('tab', { name: 'Request' }).click();
  await page.getByLabel('Path').fill('/health');
  const started = Date.now();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('[data-reply]')).toContainText('endless loop', { timeout: 15_000 });
  expect(Date.now() - started).toBeLessThan(12_000);
  await expect(page.locator('[data-status-text]')).toContainText('stopped answering');
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
});

test('a crash at start: one sentence with the file and line in the status, the trace once in Logs', async ({
  page,
}) => {
  await openExercise(page);
  await replaceCode(
    page,
    firstServerSolution().replace("res.json({ status: 'ok' });", "res.json({ status: 'ok' ;"),
  );
  await run(page);
  const status = page.locator('[data-status-text]');
  await expect(status).toContainText(/Your app crashed at app\.js:\d+: SyntaxError/, { timeout: 20_000 });
  expect(await status.textContent()).not.toContain('\n');
  await page.getByRole('tab', { name: 'Logs' }).click();
  const logs = (await page.locator('[data-logs]').textContent()) ?? '';
  expect(logs.match(/at compileSourceTextModule/g) ?? []).toHaveLength(1);
});

test('a missing export is named as such, and server.js is never blamed', async ({ page }) => {
  await openExercise(page);
  await replaceCode(page, firstServerSolution().replace('export default app;', ''));
  await run(page);
  const status = page.locator('[data-status-text]');
  await expect(status).toContainText('app.js does not export the app', { timeout: 20_000 });
  await expect(status).not.toContainText('server.js');
});

test('app.js that calls app.listen itself still runs, with a note in Logs', async ({ page }) => {
  await openExercise(page);
  await replaceCode(
    page,
    firstServerSolution().replace('export default app;', 'app.listen(3000);\nexport default app;'),
  );
  await run(page);
  await expect(page.locator('[data-status-text]')).toContainText(/running/, { timeout: 20_000 });
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.locator('[data-logs]')).toContainText('listens on port 3000 by itself', {
    timeout: 10_000,
  });
});

test('a typo in a route: the failure lists the routes the app answers, and one click puts the request in the Request tab', async ({
  page,
}) => {
  await openExercise(page);
  await replaceCode(page, firstServerSolution().replace("app.get('/health'", "app.get('/helth'"));
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const failure = page.locator('details.ws-failure').first();
  await expect(failure).toContainText('The routes your app answers: GET /, GET /helth', { timeout: 30_000 });
  await expect(failure).toContainText('On your own machine, with node server.js running:');
  await failure.getByRole('button', { name: 'Try GET /health in the Request tab' }).click();
  await expect(page.getByRole('tab', { name: 'Request' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Path')).toHaveValue('/health');
});
