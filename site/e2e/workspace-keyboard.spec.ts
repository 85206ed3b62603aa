/**
 * Keyboard and contrast on the exercise page (issue 13): a short way to Run, failure boxes a keyboard
 * can reach and scroll, no axe violation of any impact in either theme, and no machine path in a 500.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { check, firstServerSolution, openExercise, replaceCode } from './workspace-helpers.ts';

test.describe.configure({ timeout: 90_000 });

test('Run is reached from the top of the page in at most 6 Tab presses, through the skip link', async ({
  page,
}) => {
  await openExercise(page);
  const run = page.getByRole('button', { name: 'Run', exact: true });
  let presses = 0;
  while (presses < 6 && !(await run.evaluate((el) => el === document.activeElement))) {
    await page.keyboard.press('Tab');
    presses += 1;
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused.startsWith('Skip to the workspace')) await page.keyboard.press('Enter');
  }
  await expect(run).toBeFocused();
  console.log(`Run focused after ${presses} Tab presses`);
  // Code blocks that fit their column are no tab stops on the way.
  const focusableCode = await page
    .locator('.instructions pre[tabindex="0"]')
    .evaluateAll(
      (blocks) =>
        blocks.filter((b) => b.scrollWidth <= b.clientWidth && b.scrollHeight <= b.clientHeight).length,
    );
  expect(focusableCode).toBe(0);
});

test('the failure box in Results takes keyboard focus and scrolls with the arrow keys', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openExercise(page);
  await check(page);
  const box = page.locator('[data-results] .ws-failure-message').first();
  await expect(box).toHaveAttribute('tabindex', '0');
  await expect(box).toHaveAccessibleName(/Task 1 .* what differed/);
  await box.evaluate((el) => (el.style.maxHeight = '4rem'));
  await box.focus();
  await expect(box).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
});

for (const theme of ['light', 'dark'] as const) {
  test(`after a Check, axe finds no violation of any impact in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((value) => localStorage.setItem('theme', value), theme);
    await openExercise(page);
    await check(page);
    const scan = await new AxeBuilder({ page }).analyze();
    expect(
      scan.violations.map(
        (v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      ),
    ).toEqual([]);
  });
}

test('a 500 in the Request tab shows file and line relative to the exercise, no machine path', async ({
  page,
}) => {
  await openExercise(page);
  await replaceCode(
    page,
    firstServerSolution().replace("res.json({ status: 'ok' });", "throw new Error('the oven is cold');"),
  );
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('[data-status-text]')).toContainText(/running/, { timeout: 20_000 });
  await page.getByRole('tab', { name: 'Request' }).click();
  await page.getByLabel('Path').fill('/health');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('[data-reply-status]')).toHaveText('500');
  const reply = page.locator('[data-reply]');
  await expect(reply).toContainText('the oven is cold');
  await expect(reply).toContainText(/at app\.js:\d+:\d+/);
  await expect(reply).toContainText('node_modules/');
  const text = (await reply.textContent()) ?? '';
  expect(text).not.toMatch(/file:\/\/|\/tmp\/|\/work\/|\/home\/|sessions\//);
});
