/**
 * Nothing a learner typed is ever lost (issue 13): their own code is kept at every Check and before
 * each replace, and neither the reference solution nor the starter can push it out.
 */
import { expect, test, type Page } from '@playwright/test';
import { check, firstServerSolution, openExercise, replaceCode } from './workspace-helpers.ts';

test.describe.configure({ timeout: 90_000 });

const mine = firstServerSolution().replace(
  "res.json({ status: 'ok' });",
  "res.json({ status: 'ok' }); // mine",
);
const editor = (page: Page) => page.locator('.ws-editor .view-lines');

async function accept(page: Page, action: () => Promise<void>): Promise<void> {
  page.once('dialog', (dialog) => void dialog.accept());
  await action();
}

test('"Use the solution", then Reset, then "Restore previous version" brings back the learner\'s passing code', async ({
  page,
}) => {
  await openExercise(page);
  await replaceCode(page, mine);
  await check(page);
  await expect(page.locator('[data-results-status]')).toHaveAttribute('data-results-status', 'pass');

  await page.getByRole('button', { name: 'Solution', exact: true }).click();
  await accept(page, () => page.getByRole('button', { name: 'Use the solution' }).click());
  await expect(editor(page)).not.toContainText('// mine');
  await expect(editor(page)).toContainText('A health check');

  await accept(page, () => page.getByRole('button', { name: 'Reset' }).click());
  await expect(editor(page)).toContainText('Task 1: add a route');

  await page.getByRole('button', { name: 'Restore previous version' }).click();
  await expect(editor(page)).toContainText('// mine');
  await expect(page.getByRole('button', { name: 'Restore previous version' })).toBeHidden();
});

test("Versions lists the learner's own versions with time and label, survives a reload, and brings any of them back", async ({
  page,
}) => {
  await openExercise(page);
  const versions = page.getByRole('button', { name: /^Versions/ });
  await versions.click();
  await expect(page.locator('[data-versions-popup]')).toContainText('None yet');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-versions-popup]')).toBeHidden();
  await expect(versions).toBeFocused();

  await replaceCode(page, firstServerSolution().replace("status: 'ok'", "status: 'first try'"));
  await check(page);
  await replaceCode(page, mine);
  await check(page);
  // A solution and a Reset in between keep nothing of their own.
  await page.getByRole('button', { name: 'Solution', exact: true }).click();
  await accept(page, () => page.getByRole('button', { name: 'Use the solution' }).click());
  await accept(page, () => page.getByRole('button', { name: 'Reset' }).click());
  await expect(versions).toHaveText('Versions (2)');

  await page.reload();
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-editor-ready', 'true', { timeout: 20_000 });
  await expect(versions).toHaveText('Versions (2)');
  await versions.click();
  const items = page.locator('[data-versions-list] .ws-version');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(/^\d\d.\d\d.* checked: all 1 pass/);
  await expect(items.nth(1)).toContainText(/checked: 0 of 1 pass/);
  await items.nth(1).click();
  await expect(editor(page)).toContainText("status: 'first try'");
  await expect(page.locator('[data-status-text]')).toContainText('is back');
});

test('deleting a file keeps it in Versions', async ({ page }) => {
  await page.route('**/exercises/first-server/files.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), allowNewFiles: true } });
  });
  await openExercise(page);
  const files = page.getByRole('navigation', { name: 'Files' });
  page.once('dialog', (dialog) => void dialog.accept('menu.js'));
  await page.getByRole('button', { name: 'New file' }).click();
  await replaceCode(page, "export const menu = ['soup'];\n");
  await accept(page, () => files.getByRole('button', { name: 'Delete menu.js' }).click());
  await expect(files.getByRole('button', { name: 'menu.js', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: /^Versions/ }).click();
  await page.locator('[data-versions-list] .ws-version', { hasText: 'before deleting menu.js' }).click();
  await expect(files.getByRole('button', { name: 'menu.js', exact: true })).toBeVisible();
});
