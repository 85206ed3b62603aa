/**
 * Authoring in `npm run dev` (issue 7): an edited starter reaches the open exercise page without a
 * restart, and `?files=solution` previews the reference solution without touching the learner's work.
 * Runs its own astro dev in a temp copy (site/e2e/helpers/dev-server.ts), so the files it edits are
 * not the repo's. The last test checks the built site (the suite's server) ignores the preview.
 */
import { expect, test, type Page } from '@playwright/test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDevServer, type DevServer } from './helpers/dev-server.ts';

const EXERCISE = 'exercises/00-how-the-back-end-works/01-first-server';
const editor = (page: Page) => page.locator('.ws-editor .view-lines');

let dev: DevServer;

test.describe('astro dev', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    dev = await startDevServer(Number(process.env.DEV_E2E_PORT ?? 4405));
  });
  test.afterAll(async () => {
    await dev?.stop();
  });

  const starterFile = () => path.join(dev.root, EXERCISE, 'starter/app.js');
  const openExercise = async (page: Page, query = '') => {
    await page.goto(`${dev.url}/exercises/first-server/${query}`);
    await expect(page.locator('[data-ws]')).toHaveAttribute('data-editor-ready', 'true', { timeout: 30_000 });
  };

  test('an edited starter reloads the open page; saved edits win, with a way to load the new starter', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openExercise(page);
    const original = readFileSync(starterFile(), 'utf8');

    // Nothing typed yet: the page reloads and simply shows the new starter.
    writeFileSync(starterFile(), `// starter v2\n${original}`);
    await expect(editor(page)).toContainText('// starter v2', { timeout: 15_000 });
    const bundle = (await (
      await page.request.get(`${dev.url}/exercises/first-server/files.json`)
    ).json()) as {
      starter: Record<string, string>;
    };
    expect(bundle.starter['app.js']).toContain('// starter v2');

    // The learner's (author's) saved edits win over a changed starter; the workspace says so.
    await page.locator('.ws-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.insertText('// mine\n');
    await page.keyboard.press('ControlOrMeta+S');
    await expect(page.locator('[data-status-text]')).toContainText('Saved');
    writeFileSync(starterFile(), `// starter v3\n${original}`);
    const notice = page.locator('[data-starter-changed]');
    await expect(notice).toBeVisible({ timeout: 15_000 });
    await expect(editor(page)).toContainText('// mine');
    await expect(editor(page)).not.toContainText('// starter v3');

    page.once('dialog', (dialog) => void dialog.accept());
    await notice.getByRole('button', { name: 'Reset to load it' }).click();
    await expect(editor(page)).toContainText('// starter v3');
    await expect(notice).toBeHidden();
    await page.reload();
    await expect(page.locator('[data-ws]')).toHaveAttribute('data-editor-ready', 'true', { timeout: 30_000 });
    await expect(notice).toBeHidden();
  });

  test('an edited instructions.md or hints.md reloads too, and requests never see an empty collection', async ({
    page,
  }) => {
    await page.goto(`${dev.url}/exercises/first-server/`);
    appendFileSync(
      path.join(dev.root, EXERCISE, 'instructions.md'),
      '\nA line added while the page was open.\n',
    );
    await expect(page.getByText('A line added while the page was open.')).toBeVisible({ timeout: 15_000 });
    // During reloads every request still finds the exercise.
    const hints = path.join(dev.root, EXERCISE, 'hints.md');
    for (let i = 0; i < 5; i++) {
      appendFileSync(hints, '\n');
      const response = await page.request.get(`${dev.url}/exercises/first-server/files.json`);
      expect(response.status()).toBe(200);
    }
  });

  test('?files=solution previews the solution, checks pass, and the saved work is untouched', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openExercise(page, '?runtime=local');
    await page.locator('.ws-editor .monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.insertText('// my saved work\n');
    await page.keyboard.press('ControlOrMeta+S');
    await expect(page.locator('[data-status-text]')).toContainText('Saved');

    await openExercise(page, '?runtime=local&files=solution');
    await expect(page.locator('[data-preview-banner]')).toHaveText(
      /Previewing the reference solution \(author mode\) — changes are not saved\./,
    );
    await expect(editor(page)).not.toContainText('// my saved work');
    await expect(editor(page)).toContainText("app.get('/health'");
    await expect(page.locator('[data-ws]')).toHaveAttribute('data-runtime-ready', 'true', {
      timeout: 30_000,
    });
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.locator('[data-ws]')).toHaveAttribute('data-last-check', 'pass', { timeout: 30_000 });
    // Typing in the preview is not saved anywhere.
    await page.locator('.ws-editor .monaco-editor .view-lines').click();
    await page.keyboard.insertText('// preview scribble\n');
    await page.keyboard.press('ControlOrMeta+S');
    await expect(page.locator('[data-status-text]')).toContainText('not saved');

    await openExercise(page);
    await expect(page.locator('[data-preview-banner]')).toBeHidden();
    await expect(editor(page)).toContainText('// my saved work');
    await expect(editor(page)).not.toContainText('// preview scribble');
  });
});

test('the built site ignores ?files=solution: the starter, no banner', async ({ page }) => {
  // Monaco renders only the lines in view: make the editor tall enough to show the whole starter.
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.goto('/exercises/first-server/?files=solution');
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-editor-ready', 'true', { timeout: 20_000 });
  await expect(page.locator('[data-preview-banner]')).toBeHidden();
  await expect(editor(page)).toContainText('// Task 1: add a route for GET /health here.');
  await expect(editor(page)).not.toContainText("app.get('/health'");
});
