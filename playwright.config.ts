import { defineConfig } from '@playwright/test';

/**
 * Browser tests run Debian's Chromium (no browser download works on our machines) against the real
 * `npm start` server, which includes the local runner. Set CHROMIUM_PATH to use another Chromium.
 */
const port = Number(process.env.E2E_PORT ?? 4399);

export default defineConfig({
  testDir: './site/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    // Tall enough that Monaco (which renders only the lines in view) shows a whole starter file.
    viewport: { width: 1280, height: 1000 },
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node --disable-sigusr1 site/server/start.ts',
    url: `http://localhost:${port}/`,
    env: { PORT: String(port) },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
