/**
 * The site in a real browser, served by `npm start` (site/server): navigation through a track,
 * search, the theme toggle, a phone-sized screen, accessibility, and the isolation headers.
 * Tests find lessons through the pages themselves, so they keep working as lessons are added.
 */
import { expect, test, type Page } from '@playwright/test';
import { seriousAxeViolations } from './helpers/axe.ts';

const TRACK = '/learn/how-the-back-end-works/';

/** URL of the first lesson of track 0, read from the track page. */
async function firstLesson(page: Page): Promise<string> {
  await page.goto(TRACK);
  const href = await page.locator('.lesson-list a').first().getAttribute('href');
  if (!href) throw new Error(`${TRACK} lists no lessons`);
  return href;
}

test('home → track → lesson → next lesson', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Backend Kitchen' })).toBeVisible();
  await page.locator('.track-card h3 a').first().click();
  await expect(page).toHaveURL(TRACK);

  const lessonLinks = page.locator('.lesson-list a');
  await expect(lessonLinks.first()).toBeVisible();
  const titles = await lessonLinks.allTextContents();
  expect(titles.length, 'track 0 needs two lessons to test next/previous').toBeGreaterThanOrEqual(2);
  const secondHref = await lessonLinks.nth(1).getAttribute('href');

  await lessonLinks.first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(titles[0]!);
  await expect(page.getByRole('heading', { name: 'What you will be able to do' })).toBeVisible();

  await page.getByRole('link', { name: /Next lesson/ }).click();
  await expect(page).toHaveURL(secondHref!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(titles[1]!);
  await expect(page.getByRole('link', { name: /Previous lesson/ })).toBeVisible();
});

test('search finds a lesson by a word in its body', async ({ page }) => {
  await page.goto('/');
  // "/" focuses the box; focusing loads Pagefind on demand.
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search lessons' });
  await expect(box).toBeFocused();
  await box.fill('waiter');
  const result = page.locator('.search-results a').first();
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute('href', /\/learn\/how-the-back-end-works\/what-the-back-end-does\/?/);
  await expect(result.locator('mark').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(result).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/what-the-back-end-does/);
});

test('the theme toggle switches to dark and the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBg);

  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'true');
});

test('a knowledge check tells the learner whether their pick is right', async ({ page }) => {
  await page.goto(await firstLesson(page));
  const question = page.locator('.quiz-question').first();
  await expect(question).toBeVisible();
  const wrong = question.locator('input[data-correct="false"]').first();
  await wrong.check();
  await expect(question.getByRole('status')).toContainText('Not quite');
  await question.locator('input[data-correct="true"]').first().check();
  await expect(question.getByRole('status')).toContainText('Right!');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('home, glossary, track and lesson pages have no horizontal scroll', async ({ page }) => {
    test.setTimeout(120_000);
    // Every track and lesson the home page lists.
    await page.goto('/');
    const pages = [
      ...new Set(
        await page
          .locator('a[href^="/learn/"]')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('#')[0]!)),
      ),
    ];
    for (const path of ['/', '/glossary/', ...pages]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} is wider than the phone screen`).toBeLessThanOrEqual(0);
    }
  });
});

test('home, track and every lesson page have no serious or critical accessibility violation', async ({
  page,
}) => {
  test.setTimeout(360_000);
  // Every track and lesson the home page lists, so each new track is scanned as it lands.
  await page.goto('/');
  const pages = [
    ...new Set(
      await page
        .locator('a[href^="/learn/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.split('#')[0]!)),
    ),
  ];
  expect(pages.length).toBeGreaterThan(8);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ['/', ...pages]) {
      await page.goto(path);
      expect(await seriousAxeViolations(page), `${path} (${scheme})`).toEqual([]);
    }
    // The search results panel too, open over the page.
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search lessons' }).fill('kitchen');
    await expect(page.locator('.search-results a').first()).toBeVisible();
    expect(await seriousAxeViolations(page), `search results (${scheme})`).toEqual([]);
  }
});

test('every response carries COOP same-origin and COEP require-corp', async ({ page }) => {
  const missing: string[] = [];
  const seen: string[] = [];
  page.on('response', (response) => {
    const headers = response.headers();
    seen.push(response.url());
    if (
      headers['cross-origin-opener-policy'] !== 'same-origin' ||
      headers['cross-origin-embedder-policy'] !== 'require-corp'
    ) {
      missing.push(`${response.status()} ${response.url()}`);
    }
  });
  await page.goto('/');
  await page.goto(await firstLesson(page));
  // Search pulls in Pagefind's script, wasm and index files.
  await page.getByRole('searchbox', { name: 'Search lessons' }).fill('kitchen');
  await expect(page.locator('.search-results a').first()).toBeVisible();
  await page.goto('/no-such-page/');
  expect(seen.length).toBeGreaterThan(5);
  expect(missing).toEqual([]);
});

test('an unknown address shows the 404 page with a way back', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('not on the menu');
  await expect(page.getByRole('link', { name: 'Back to the home page' })).toBeVisible();
});
