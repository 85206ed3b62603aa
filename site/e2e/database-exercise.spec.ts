/**
 * A database exercise solved in a real browser through the local runner (issue 12): the starter
 * fails, the learner types a solution, runs it, reads the books from the Request tab, restarts it and
 * finds them still there, and Check passes every task. Reset then starts the database over.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { check, openExercise, replaceCode } from './workspace-helpers.ts';

test.describe.configure({ timeout: 120_000 });

const solution = readFileSync(
  fileURLToPath(new URL('../../exercises/01-databases/01-books/solution/app.js', import.meta.url)),
  'utf8',
);

async function send(page: import('@playwright/test').Page, path: string): Promise<void> {
  await page.getByRole('tab', { name: 'Request' }).click();
  await page.getByLabel('Path').fill(path);
  await page.getByRole('button', { name: 'Send' }).click();
}

async function run(page: import('@playwright/test').Page): Promise<void> {
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('[data-status-text]')).toContainText(/running/, { timeout: 20_000 });
}

test('solves the books exercise: SQLite rows through Run and Request, kept across a restart, and a passing Check', async ({
  page,
}) => {
  await openExercise(page, 'books');
  await check(page);
  const results = page.locator('[data-results]');
  await expect(results.locator('[data-results-status]')).toHaveAttribute('data-results-status', /fail|error/);

  await replaceCode(page, solution);
  await run(page);
  await send(page, '/books/3');
  await expect(page.locator('[data-reply-status]')).toHaveText('200');
  const firstAnswer = await page.getByLabel('Response body').textContent();
  expect(firstAnswer).toContain('"id": 3');

  // Stop and start again: the rows come back from kitchen.db, not from a fresh seed.
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.locator('[data-status-text]')).toContainText('stopped');
  await run(page);
  await send(page, '/books');
  await expect(page.locator('[data-reply-status]')).toHaveText('200');
  await expect(page.getByLabel('Response body')).toContainText('"id": 5');
  await expect(page.getByLabel('Response body')).not.toContainText('"id": 6');

  await check(page);
  await expect(results.locator('[data-results-status]')).toHaveAttribute('data-results-status', 'pass');
  await expect(results).toContainText('All 4 tasks pass');
});
