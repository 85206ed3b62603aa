/**
 * `npm run bench` section: the exercise workspace in a real browser, on the built site served locally
 * with its local runner. A cold browser session per measurement (no cache, empty IndexedDB):
 * - navigation → instructions painted (first contentful paint) and → editor ready;
 * - Check clicked → first results shown;
 * - JavaScript bytes downloaded before the editor starts loading (page load) and in total after.
 * The page is opened as `npm start` serves it, without `?runtime=`: the local runner is chosen at once.
 * Figures are printed, never asserted.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { percentile } from '../../grader/bench/percentile.ts';
import { buildIfNeeded } from '../server/build-if-needed.ts';
import { startSiteServer } from '../server/site-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 5;

interface Sample {
  fcpMs: number;
  editorReadyMs: number;
  runtimeReadyMs: number;
  checkMs: number;
  jsBeforeEditor: number;
  jsTotal: number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const median = (values: number[]) => percentile(values, 50);

async function markTime(page: Page, name: string): Promise<number> {
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN, name);
}

async function measure(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  let loaded = false;
  let jsBeforeEditor = 0;
  let jsTotal = 0;
  context.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/javascript/.test(type)) return;
    const counted = loaded;
    void response.body().then(
      (body) => {
        jsTotal += body.length;
        if (!counted) jsBeforeEditor += body.length;
      },
      () => undefined,
    );
  });
  await page.goto(url, { waitUntil: 'load' });
  loaded = true;
  await page.waitForSelector('[data-ws][data-editor-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('[data-ws][data-runtime-ready="true"]', { timeout: 30_000 });
  // The page marks the moment Run, Check and Reset are enabled (polling the attribute would add its lag).
  const runtimeReadyMs = await markTime(page, 'kitchen:runtime-ready');
  const clicked = await page.evaluate(() => {
    const at = performance.now();
    document.querySelector<HTMLButtonElement>('[data-action="check"]')!.click();
    return at;
  });
  await page.waitForSelector('[data-results-status]', { timeout: 60_000 });
  const checkMs = (await markTime(page, 'kitchen:first-check-result')) - clicked;
  const fcpMs = await page.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  );
  const editorReadyMs = await markTime(page, 'kitchen:editor-ready');
  await page.waitForTimeout(300); // Let the last response bodies be counted.
  await context.close();
  return { fcpMs, editorReadyMs, runtimeReadyMs, checkMs, jsBeforeEditor, jsTotal };
}

export async function run(): Promise<void> {
  buildIfNeeded(root, () => undefined);
  const site = await startSiteServer({ root, port: 0, host: '127.0.0.1', log: () => undefined });
  const base = `http://localhost:${site.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i += 1)
      samples.push(await measure(browser, `${base}/exercises/first-server/`));
    const pick = (key: keyof Sample) => median(samples.map((s) => s[key]));
    console.log(
      `first-server as npm start serves it (no ?runtime=: the local runner at once), ${RUNS} cold sessions (median):`,
    );
    console.log(`  instructions painted (FCP)      ${pick('fcpMs').toFixed(0)} ms`);
    console.log(
      `  editor ready                    ${pick('editorReadyMs').toFixed(0)} ms after navigation (goal ≤ 1500)`,
    );
    console.log(
      `  Run ready                       ${pick('runtimeReadyMs').toFixed(0)} ms after navigation (Run, Check, Reset enabled; per session: ${samples.map((s) => s.runtimeReadyMs.toFixed(0)).join(', ')} ms)`,
    );
    console.log(
      `  first check result              ${pick('checkMs').toFixed(0)} ms after the click (goal ≤ 2500)`,
    );
    console.log(`  JS before the editor loads      ${kb(pick('jsBeforeEditor'))}`);
    console.log(
      `  JS after the editor is ready    ${kb(pick('jsTotal'))} (Monaco, its workers, the workspace)`,
    );
    console.log(`  first check per session: ${samples.map((s) => `${s.checkMs.toFixed(0)} ms`).join(', ')}`);

  } finally {
    await browser.close();
    await site.close();
  }
}
