/**
 * After success (issue 13): a passing Check says where the learner stands in the track and links the
 * next lesson in the course.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { check, firstServerSolution, openExercise, replaceCode } from './workspace-helpers.ts';

test.describe.configure({ timeout: 90_000 });

test('"All tasks pass" shows the standing in the track and a link to the next lesson, which opens it', async ({
  page,
}) => {
  await openExercise(page);
  await check(page);
  await expect(page.locator('[data-next-steps]')).toHaveCount(0);

  await replaceCode(page, firstServerSolution());
  await check(page);
  const next = page.locator('[data-results] [data-next-steps]');
  await expect(next).toContainText(/^1 of \d+ exercises in How the back end works done\./);
  const link = next.locator('a[data-next-lesson]');
  await expect(next).toContainText('Next lesson:');
  const title = (await link.textContent())!.trim();
  expect(title.length).toBeGreaterThan(0);
  await expect(link).toHaveAttribute('href', /^\/learn\/how-the-back-end-works\/[a-z-]+\/$/);
  const scan = await new AxeBuilder({ page }).include('[data-results]').analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await link.click();
  await expect(page.locator('h1')).toContainText(title);
});
