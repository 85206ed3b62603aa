/**
 * `npm run bench` section: the prebuilt node_modules of the exercise template (issue 17). Bytes shipped,
 * and the install time it saves as far as this machine can tell, with this machine's npm and the real
 * registry, each run on a cold npm cache (`--cache <empty folder>`):
 *   full:      the template's package.json + lockfile, `npm install` (what a WebContainer does today);
 *   prebuilt:  the same plus the snapshot unpacked into node_modules, then INSTALL_AFTER_PREBUILT.
 * Both with --ignore-scripts: sqlite3's install script fetches a native binary, which a WebContainer
 * never does (its sqlite3 is a WASM build). Not measured: WebContainer's own npm and file system,
 * StackBlitz's registry and its cache, the browser's download of the snapshot and mount().
 * KITCHEN_BENCH_RUNS (default 2) runs of each; KITCHEN_BENCH_OFFLINE=1 skips the npm timings.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_AFTER_PREBUILT, FULL_INSTALL } from '../runtime/template-modules.ts';
import { buildTemplateModules, type BuiltModules } from './template-modules.ts';
import { decodeSnapshot, listSnapshot } from './webcontainer-snapshot.ts';

const templateDir = fileURLToPath(new URL('../../exercises/_template', import.meta.url));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function describe(label: string, built: BuiltModules, ms: number): void {
  const m = built.manifest;
  const missing = m.missing.flatMap((x) => x.packages);
  console.log(
    `${label}: ${m.packages} packages, ${m.files} files; shipped ${mb(m.gzipBytes)} gzipped ` +
      `(${mb(m.bytes)} unpacked; ${m.trimmed.files} files, ${mb(m.trimmed.bytes)} of maps/types/docs trimmed); ` +
      `built in ${seconds(ms)}` +
      (missing.length ? `; missing ${missing.length}: ${missing.join(', ')}` : '; nothing missing'),
  );
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kitchen-install-bench-'));
  for (const file of ['package.json', 'package-lock.json'])
    writeFileSync(join(dir, file), readFileSync(join(templateDir, file)));
  return dir;
}

function unpack(snapshot: Uint8Array, dir: string): void {
  for (const [path, file] of listSnapshot(decodeSnapshot(snapshot))) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    if ('l' in file) symlinkSync(file.l, target);
    else writeFileSync(target, file.c);
  }
}

function npmInstall(dir: string, args: string[]): { ms: number; summary: string } {
  const cache = mkdtempSync(join(tmpdir(), 'kitchen-npm-cache-'));
  const started = performance.now();
  try {
    const out = execFileSync('npm', [...args, '--ignore-scripts', '--cache', cache], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return {
      ms: performance.now() - started,
      summary: /(added|changed|up to date)[^\n]*/.exec(out)?.[0] ?? '',
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** How many prebuilt packages npm left as they were (it rewrites package.json, without _integrity, when it reinstalls one). */
function kept(dir: string, built: BuiltModules): { kept: number; replaced: string[]; removed: string[] } {
  const files = listSnapshot(decodeSnapshot(built.snapshot));
  const hidden = JSON.parse(
    Buffer.from((files.get('node_modules/.package-lock.json') as { c: Uint8Array }).c).toString(),
  ) as {
    packages: Record<string, unknown>;
  };
  const replaced: string[] = [];
  const removed: string[] = [];
  let count = 0;
  for (const path of Object.keys(hidden.packages)) {
    const name = path.replace(/^node_modules\//, '');
    let pkg: { _integrity?: string };
    try {
      pkg = JSON.parse(readFileSync(join(dir, path, 'package.json'), 'utf8')) as { _integrity?: string };
    } catch {
      removed.push(name);
      continue;
    }
    if (pkg._integrity) count++;
    else replaced.push(name);
  }
  return { kept: count, replaced, removed };
}

export async function run(): Promise<void> {
  let started = performance.now();
  // An empty cache folder: what a machine that only ran `npm install` has.
  const emptyCache = mkdtempSync(join(tmpdir(), 'kitchen-prebuilt-empty-'));
  const offline = buildTemplateModules({ cacheDir: emptyCache });
  rmSync(emptyCache, { recursive: true, force: true });
  describe(
    'prebuilt tree, offline build (what `npm run build` makes from node_modules)',
    offline,
    performance.now() - started,
  );
  started = performance.now();
  const fetched = buildTemplateModules({ fetchMissing: true });
  describe(
    'prebuilt tree, KITCHEN_PREBUILT_FETCH=1 build (fetches what node_modules lacks)',
    fetched,
    performance.now() - started,
  );

  if (process.env.KITCHEN_BENCH_OFFLINE === '1') {
    console.log('npm install timings skipped (KITCHEN_BENCH_OFFLINE=1)');
    return;
  }
  const runs = Number(process.env.KITCHEN_BENCH_RUNS ?? 2);
  const arms: Array<[string, BuiltModules | undefined]> = [
    ['full npm install', undefined],
    ['offline-built tree + npm install', offline],
    ['fetched tree + npm install', fetched],
  ];
  for (let i = 0; i < runs; i++) {
    for (const [label, built] of arms) {
      const dir = workspace();
      try {
        let unpackMs = 0;
        if (built) {
          const t = performance.now();
          unpack(built.snapshot, dir);
          unpackMs = performance.now() - t;
        }
        const install = npmInstall(dir, built ? INSTALL_AFTER_PREBUILT : FULL_INSTALL);
        const keptNote = built
          ? (() => {
              const k = kept(dir, built);
              return (
                `; npm kept ${k.kept} of ${built.manifest.packages} prebuilt packages` +
                (k.replaced.length ? `; replaced: ${k.replaced.join(', ')}` : '') +
                (k.removed.length ? `; removed: ${k.removed.join(', ')}` : '')
              );
            })()
          : '';
        console.log(
          `run ${i + 1}, ${label}: ${seconds(unpackMs + install.ms)}` +
            (built ? ` (unpack ${seconds(unpackMs)} + npm ${seconds(install.ms)})` : '') +
            ` — npm: ${install.summary}${keptNote}`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
