/**
 * The workspace on a phone and on a laptop (issue 13): on a phone the panes stack and the editor keeps
 * most of the screen, with nothing over its file tabs; on a laptop the editor shows about 30 lines;
 * the note on why the local runner is used can be dismissed for good.
 */
import { expect, test, type Page } from '@playwright/test';
import { openExercise } from './workspace-helpers.ts';

test.describe.configure({ timeout: 90_000 });

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** The default runtime choice on an npm start page: the local runner's note shows, as for most learners. */
async function openWithRuntimeNotice(page: Page): Promise<void> {
  await page.goto('/exercises/first-server/');
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-runtime-ready', 'true', { timeout: 20_000 });
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-editor-ready', 'true', { timeout: 20_000 });
}

test('at 390×844 the editor is at least 350 px tall and nothing in the workspace covers its file tabs', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openWithRuntimeNotice(page);
  await expect(page.locator('[data-notice]')).toBeVisible();
  await page.locator('.ws-editor').scrollIntoViewIfNeeded();
  const editor = (await page.locator('.ws-editor').boundingBox())!;
  expect(editor.height).toBeGreaterThanOrEqual(350);

  const tabs = (await page.locator('.ws-tabs').boundingBox())!;
  expect(tabs.height).toBeGreaterThan(20);
  // Every visible element of the workspace that is neither inside the tab row nor around it.
  const others = await page.evaluate(() => {
    const row = document.querySelector('.ws-tabs')!;
    return [...document.querySelectorAll<HTMLElement>('[data-ws] *')]
      .filter((el) => !row.contains(el) && !el.contains(row) && el.checkVisibility())
      .map((el) => {
        const { x, y, width, height } = el.getBoundingClientRect();
        return { name: `${el.tagName.toLowerCase()}.${el.className}`, x, y, width, height };
      })
      .filter((box) => box.width > 0 && box.height > 0);
  });
  expect(others.filter((box) => overlaps(box, tabs)).map((box) => box.name)).toEqual([]);
  // What is drawn on each tab is the tab: no file list or toolbar painted over it.
  for (const tab of await page.locator('.ws-tab').all()) {
    const topmost = await tab.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
    });
    expect(topmost).toBe(true);
  }
  // Every file can be opened from the file row.
  await page
    .getByRole('navigation', { name: 'Files' })
    .getByRole('button', { name: 'health.test.js' })
    .click();
  await expect(page.locator('.ws-tab[data-tab="tests/health.test.js"]')).toHaveAttribute(
    'aria-current',
    'true',
  );
});

test('at 1440×900 the editor shows at least 28 lines', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExercise(page);
  const lines = await page.locator('.ws-editor').evaluate((host) => {
    const line = host.querySelector<HTMLElement>('.view-line')!;
    return Math.floor(host.getBoundingClientRect().height / line.getBoundingClientRect().height);
  });
  expect(lines).toBeGreaterThanOrEqual(28);
  // The whole workspace is on screen as the page opens, status line included.
  const ws = (await page.locator('[data-ws]').boundingBox())!;
  expect(ws.y + ws.height).toBeLessThanOrEqual(900);
  await expect(page.locator('[data-status-text]')).toBeInViewport();
});

test('the bar between editor and panels resizes them by keyboard, and the split is remembered', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openExercise(page);
  const panels = page.locator('.ws-panels');
  const before = (await panels.boundingBox())!.height;
  await page.getByRole('separator', { name: /Editor and panels/ }).focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await panels.boundingBox())!.height).toBeGreaterThan(before + 40);
  const resized = (await panels.boundingBox())!.height;
  await page.reload();
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-editor-ready', 'true', { timeout: 20_000 });
  await expect.poll(async () => Math.round((await panels.boundingBox())!.height)).toBe(Math.round(resized));
});

test('the note on why the local runner runs the code can be dismissed, stays dismissed after a reload, and comes back from "Why?"', async ({
  page,
}) => {
  await openWithRuntimeNotice(page);
  const notice = page.locator('[data-notice]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Your code runs on this computer');
  await page.getByRole('button', { name: 'Dismiss this message' }).click();
  await expect(notice).toBeHidden();

  await page.reload();
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-runtime-ready', 'true', { timeout: 20_000 });
  await expect(page.locator('[data-runtime-badge]')).toHaveText('Runtime: Local runner');
  await expect(notice).toBeHidden();
  const why = page.getByRole('button', { name: 'Why?' });
  await expect(why).toHaveAttribute('aria-expanded', 'false');
  await why.click();
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('in the local runner that npm start started');
  await expect(why).toHaveAttribute('aria-expanded', 'true');
});
