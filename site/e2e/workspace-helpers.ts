/** Shared steps for the workspace browser tests: open an exercise, type into Monaco, check. */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const exerciseDir = fileURLToPath(
  new URL('../../exercises/00-how-the-back-end-works/01-first-server/', import.meta.url),
);

export const firstServerSolution = (): string => readFileSync(`${exerciseDir}solution/app.js`, 'utf8');

/** Opens the exercise on the local runner and waits until Run and Check can be used. */
export async function openExercise(
  page: Page,
  slug = 'first-server',
  query = '?runtime=local',
): Promise<void> {
  await page.goto(`/exercises/${slug}/${query}`);
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-editor-ready', 'true', { timeout: 20_000 });
  await expect(page.locator('[data-ws]')).toHaveAttribute('data-runtime-ready', 'true', { timeout: 20_000 });
}

/** Replaces the open file's text the way a learner would: select all, then type (as one input). */
export async function replaceCode(page: Page, code: string): Promise<void> {
  await page.locator('.ws-editor .monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

export async function check(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Check', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(page.locator('[data-results-status]')).toBeVisible();
}
