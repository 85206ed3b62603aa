/**
 * What a WebContainer imposes on an exercise, rebuilt on this machine as far as it can be: Node 22
 * (WebContainers run 22, we run 24), SQLite 3.34 (the WASM `sqlite3` there bundles 3.34: here the
 * last `sqlite3` release that bundles it, 5.0.2, built from source), and Vite's bundler (rolldown) on
 * its WASM binding, as it must load when native addons cannot. Everything is installed from the npm
 * registry into node_modules/.cache/kitchen-container/ once, and reused.
 *
 * Learner-facing packages come from the repository's node_modules (the template's own versions), except
 * `sqlite3`: a folder of links, `runtime/node_modules`, holds every package of the repository's with
 * `sqlite3` pointing at the 3.34 build instead.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { repoNodeModules } from './paths.ts';

/** The last `sqlite3` release whose bundled SQLite is 3.34.0, the version a WebContainer runs. */
export const SQLITE_334_PACKAGE = 'sqlite3@5.0.2';
/** The Node major WebContainers run (the template's package.json asks for it). */
export const CONTAINER_NODE_PACKAGE = 'node@22';

export interface ContainerToolchain {
  /** The Node 22 binary. */
  node: string;
  /** node_modules for workspaces: the repository's packages, with sqlite3 on SQLite 3.34. */
  nodeModules: string;
  /** Where rolldown finds its WASM binding (NODE_PATH). */
  wasiModules: string;
  nodeVersion: string;
  sqliteVersion: string;
}

function install(
  dir: string,
  packages: string[],
  extraArgs: string[] = [],
  env: Record<string, string> = {},
): void {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json')))
    writeFileSync(
      join(dir, 'package.json'),
      // allowScripts: npm 11 asks for it before running a package's install script (sqlite3 builds there).
      JSON.stringify({
        name: 'kitchen-container-part',
        private: true,
        allowScripts: { sqlite3: true, node: true },
      }),
    );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', ...extraArgs, ...packages], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
}

/** Installs what is missing (minutes the first time: sqlite3 compiles), then answers at once. */
export function ensureContainerToolchain(
  cacheDir = join(repoNodeModules, '.cache', 'kitchen-container'),
  log: (line: string) => void = () => undefined,
): ContainerToolchain {
  const nodeDir = join(cacheDir, 'node22');
  const node = join(nodeDir, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(node)) {
    log(`installing ${CONTAINER_NODE_PACKAGE} from the npm registry…`);
    install(nodeDir, [CONTAINER_NODE_PACKAGE]);
  }
  const sqliteDir = join(cacheDir, 'sqlite334');
  const sqliteModule = join(sqliteDir, 'node_modules', 'sqlite3');
  const built = () =>
    existsSync(join(sqliteModule, 'lib', 'binding')) || existsSync(join(sqliteModule, 'build', 'Release'));
  if (!existsSync(join(sqliteModule, 'package.json')) || !built()) {
    log(`building ${SQLITE_334_PACKAGE} (SQLite 3.34) from source, a few minutes the first time…`);
    // It has no prebuilt binary for this Node; building from its bundled SQLite source is the point.
    install(sqliteDir, [SQLITE_334_PACKAGE], [], { npm_config_build_from_source: 'true' });
  }
  const wasiDir = join(cacheDir, 'wasi');
  const rolldownVersion = (
    JSON.parse(readFileSync(join(repoNodeModules, 'rolldown', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const wasiBinding = join(wasiDir, 'node_modules', '@rolldown', 'binding-wasm32-wasi');
  const wasiVersion = existsSync(join(wasiBinding, 'package.json'))
    ? (JSON.parse(readFileSync(join(wasiBinding, 'package.json'), 'utf8')) as { version: string }).version
    : undefined;
  if (wasiVersion !== rolldownVersion) {
    log(`installing rolldown's WASM binding ${rolldownVersion}…`);
    // npm refuses a package for the wasm32 CPU on x64 unless forced; it is plain JS and WASM.
    install(wasiDir, [`@rolldown/binding-wasm32-wasi@${rolldownVersion}`], ['--force']);
  }
  // The folder of links: rebuilt every time (cheap), so a changed node_modules is always reflected.
  const runtime = join(cacheDir, 'runtime', 'node_modules');
  rmSync(join(cacheDir, 'runtime'), { recursive: true, force: true });
  mkdirSync(runtime, { recursive: true });
  for (const entry of readdirSync(repoNodeModules)) {
    if (entry === 'sqlite3' || entry === '.cache' || entry === '.bin') continue;
    symlinkSync(join(repoNodeModules, entry), join(runtime, entry), 'dir');
  }
  symlinkSync(sqliteModule, join(runtime, 'sqlite3'), 'dir');
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const sqliteVersion = execFileSync(
    node,
    [
      '-e',
      "const s = require('sqlite3'); new s.Database(':memory:').get('select sqlite_version() v', (e, r) => console.log(e ? e.message : r.v))",
    ],
    { encoding: 'utf8', cwd: join(cacheDir, 'runtime') },
  ).trim();
  return {
    node,
    nodeModules: runtime,
    wasiModules: join(wasiDir, 'node_modules'),
    nodeVersion,
    sqliteVersion,
  };
}
