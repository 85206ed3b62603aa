/**
 * Edits while the app runs (issue 13): the app restarts with the code in the editor, so the Request
 * tab answers from what the learner sees.
 */
import { expect, test } from '@playwright/test';
import { firstServerSolution, openExercise, replaceCode } from './workspace-helpers.ts';

test.describe.configure({ timeout: 90_000 });

test('a response text edited while the app runs is what the next request answers', async ({ page }) => {
  await openExercise(page);
  await replaceCode(page, firstServerSolution());
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('[data-status-text]')).toContainText(/running on port \d+/, { timeout: 20_000 });
  await page.getByRole('tab', { name: 'Request' }).click();
  await page.getByLabel('Path').fill('/health');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Response body')).toContainText('"status": "ok"');

  await replaceCode(page, firstServerSolution().replace("status: 'ok'", "status: 'fresh'"));
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Response body')).toContainText('"status": "fresh"', { timeout: 20_000 });
  await expect(page.locator('[data-older-code]')).toHaveCount(0);
  await expect(page.locator('[data-logs]')).toContainText('Restarting with the code in the editor');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
});

test('a pause in typing restarts the running app by itself', async ({ page }) => {
  await openExercise(page);
  await replaceCode(page, firstServerSolution());
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('[data-status-text]')).toContainText(/running on port \d+/, { timeout: 20_000 });
  await replaceCode(page, firstServerSolution().replace("status: 'ok'", "status: 'later'"));
  await expect(page.locator('[data-status-text]')).toContainText('restarted with your latest code', {
    timeout: 20_000,
  });
  await page.getByRole('tab', { name: 'Request' }).click();
  await page.getByLabel('Path').fill('/health');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByLabel('Response body')).toContainText('"status": "later"');
});
