/**
 * Screenshots of the exercise page after a Check with a failure, at phone, tablet and laptop widths
 * (test-results/workspace-check-<width>.png and -full.png), for people to look at; they assert only
 * that the results are on screen.
 */
import { expect, test } from '@playwright/test';
import { check, openExercise } from './workspace-helpers.ts';

test.describe.configure({ timeout: 90_000 });

for (const [width, height] of [
  [390, 844],
  [820, 1180],
  [1440, 900],
] as const) {
  test(`screenshot after a failing Check at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openExercise(page);
    await check(page);
    // On a phone a Check brings the results on screen by itself; wider, the workspace is in view.
    if (width >= 600) await page.locator('[data-ws]').scrollIntoViewIfNeeded();
    await expect(page.locator('[data-results]')).toBeInViewport();
    await expect(page.locator('[data-results-status]')).toHaveAttribute('data-results-status', 'fail');
    await page.screenshot({ path: `test-results/workspace-check-${width}.png` });
    await page.screenshot({ path: `test-results/workspace-check-${width}-full.png`, fullPage: true });
  });
}
