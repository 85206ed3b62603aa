/**
 * Builds a throwaway copy of the site around fixture content, for tests that need real `astro
 * build` output or its errors without touching content/. It copies site/ and grader/src (Astro
 * compiles components wrongly through symlinks), links node_modules/, and keeps Vite's cache inside
 * itself so it cannot disturb other builds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

export interface FixtureBuild {
  dir: string;
  ok: boolean;
  output: string;
  remove(): void;
}

/** Writes `files` (paths relative to the fixture root) and runs `astro build` there. */
export function buildFixtureSite(files: Record<string, string>): FixtureBuild {
  const dir = mkdtempSync(join(tmpdir(), 'kitchen-site-'));
  const skip = /\/(e2e|node_modules)(\/|$)/;
  for (const name of ['site', 'grader/src']) {
    cpSync(join(repo, name), join(dir, name), { recursive: true, filter: (path) => !skip.test(path) });
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'fixture', type: 'module', private: true }),
  );
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(repo, 'tsconfig.json') }));
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import config from ${JSON.stringify(join(repo, 'astro.config.mjs'))};\n` +
      `export default { ...config, vite: { ...config.vite, cacheDir: './.vite-cache' } };\n`,
  );
  mkdirSync(join(dir, 'exercises'));
  // The site imports the template's shared plain-JS helpers (grading/files.js, curl.js, paths.js).
  cpSync(join(repo, 'exercises/_template/grading'), join(dir, 'exercises/_template/grading'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const result = spawnSync(process.execPath, [join(repo, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: buildEnv(),
    timeout: 120_000,
  });
  return {
    dir,
    ok: result.status === 0,
    output: `${result.stdout}\n${result.stderr}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Vitest puts NODE_ENV=test and its import.meta.env values (DEV, PROD, MODE, …) into process.env;
 * passed on, they would turn the child's build into a development one (drafts shown).
 */
function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
  };
  for (const name of [
    'DEV',
    'PROD',
    'MODE',
    'SSR',
    'BASE_URL',
    'TEST',
    'VITEST',
    'VITEST_MODE',
    'VITEST_POOL_ID',
    'VITEST_WORKER_ID',
  ]) {
    delete env[name];
  }
  return env;
}
