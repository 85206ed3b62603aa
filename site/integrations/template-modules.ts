/**
 * The prebuilt `node_modules` of the exercise template (issue 17): at `astro build` it writes
 * `dist/exercises/template-modules.bin`, a WebContainer snapshot (webcontainer-snapshot.ts) holding
 * `node_modules/` as the template's lockfile lays it out, and `template-modules.json`, its manifest.
 * The browser mounts it before `npm install` (site/runtime/template-modules.ts), so npm in the
 * container finds almost everything installed and fetches only the rest: `sqlite3`, whose WASM build
 * only StackBlitz's registry serves, and whatever this machine did not have.
 *
 * Built offline from files already on disk: each lockfile entry is copied from a folder of the
 * repository's node_modules that holds the same name at the same version (the repository pins every
 * template dependency; transitive ones usually match too). An entry found nowhere is listed as
 * missing and left to npm in the container. With KITCHEN_PREBUILT_FETCH=1 the build first fetches
 * those from the npm registry (`npm pack`, integrity checked against the lockfile) into
 * node_modules/.cache/kitchen-prebuilt/, for a host that builds with a network (a deploy).
 *
 * What npm in the container needs to leave a prebuilt package alone (@npmcli/arborist's diff): the
 * same version, the same integrity, and its bins present. So every package.json gets `_integrity`
 * (what arborist reads when it does not trust the hidden lockfile), `node_modules/.package-lock.json`
 * lists what is in the tree (written last, so it is the newest file), and `.bin/` holds the links.
 */
import type { AstroIntegration } from 'astro';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encodeSnapshot, type SnapshotDir, type SnapshotEntry } from './webcontainer-snapshot.ts';
import type { TemplateModulesManifest } from '../runtime/template-modules.ts';

export const MODULES_FILE = 'template-modules.bin.gz';
export const MANIFEST_FILE = 'template-modules.json';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');

interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  name?: string;
  link?: boolean;
  os?: string[];
  cpu?: string[];
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [key: string]: unknown;
}
interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

export interface BuildOptions {
  /** The template folder (package.json and package-lock.json). */
  templateDir?: string;
  /** node_modules folders to take packages from, searched in order (any depth). */
  sources?: string[];
  /** Fetched packages live here, one folder per `name@version`. */
  cacheDir?: string;
  /** Fetch missing packages from the npm registry first (network). */
  fetchMissing?: boolean;
  log?: (line: string) => void;
}

export interface BuiltModules {
  /** The snapshot `mount()` takes. */
  snapshot: Uint8Array;
  /** The same, gzipped: the file published (static hosts seldom compress .bin files themselves). */
  gzipped: Uint8Array;
  manifest: TemplateModulesManifest;
}

/** Why a lockfile entry is not in the tree (the manifest lists them under these reasons). */
export const LEFT_OUT = {
  sqlite3:
    "sqlite3: a native addon; in a WebContainer npm gets its WASM build from StackBlitz's registry, so npm in the container installs it",
  platform:
    'platform-specific optional packages (os/cpu in the lockfile): native binaries that cannot load in a WebContainer; npm in the container decides which it wants',
  insideLeftOut: 'nested inside a package that is left out or missing',
  onlyForPlatform:
    'needed only by the platform-specific packages left out (npm removes them when it skips those)',
} as const;

/**
 * Fetch what the repository's node_modules lacks when asked (KITCHEN_PREBUILT_FETCH=1) or when the
 * build runs on a static host's build machine, which has a network (Vercel, Netlify, Cloudflare
 * Pages); `npm start` and CI build offline. KITCHEN_PREBUILT_FETCH=0 turns it off everywhere.
 */
export function fetchMissingAtBuild(env: Record<string, string | undefined>): boolean {
  if (env.KITCHEN_PREBUILT_FETCH === '1') return true;
  if (env.KITCHEN_PREBUILT_FETCH === '0') return false;
  return Boolean(env.VERCEL || env.NETLIFY || env.CF_PAGES);
}

export const MISSING_REASON =
  'not on this machine at the version the template lockfile pins; npm in the container fetches it (KITCHEN_PREBUILT_FETCH=1 at build time fetches it here)';

const packageNameOf = (path: string, entry: LockEntry) =>
  entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Every package folder under a node_modules (nested ones too), by `name@version`; first one wins. */
function indexPackages(nodeModules: string, index: Map<string, string>): void {
  const visit = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (name.startsWith('@')) {
        visit(path);
        continue;
      }
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat?.isDirectory()) continue;
      try {
        const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        const key = `${pkg.name}@${pkg.version}`;
        if (pkg.name && pkg.version && !index.has(key)) index.set(key, path);
      } catch {
        // Not a package.
      }
      visit(join(path, 'node_modules'));
    }
  };
  visit(nodeModules);
}

/** Fetched packages: `<cacheDir>/<name with / as +>@<version>/`. */
const cacheFolder = (cacheDir: string, spec: string) => join(cacheDir, spec.replace('/', '+'));

function fetchPackages(specs: Map<string, string>, cacheDir: string, log: (line: string) => void): void {
  if (specs.size === 0) return;
  log(`fetching ${specs.size} package(s) the template lockfile pins and this machine lacks…`);
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'kitchen-prebuilt-'));
  try {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work, ...specs.keys()], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const packed = JSON.parse(out) as Array<{ id: string; filename: string; integrity: string }>;
    for (const item of packed) {
      const expected = specs.get(item.id);
      const file = join(work, item.filename.replace(/^@/, '').replace('/', '-'));
      const tarball = existsSync(file) ? file : join(work, item.filename);
      const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
      if (!expected || actual !== expected) {
        log(`  ${item.id}: integrity ${actual} is not the lockfile's ${expected}; not used`);
        continue;
      }
      const dest = cacheFolder(cacheDir, item.id);
      const staging = `${dest}.partial`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
      rmSync(dest, { recursive: true, force: true });
      renameSync(staging, dest);
    }
  } catch (error) {
    log(`  fetching failed (${(error as Error).message.split('\n')[0]}); those stay missing`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Files nothing runs in a WebContainer: source maps, type declarations and TypeScript sources,
 * documentation, and what only a native build reads (node-gyp's Python, C headers and sources). Nearly
 * half the bytes; npm does not look at files, only at package.json and the lockfile.
 */
export const TRIMMED = /\.(map|ts|cts|mts|md|markdown|flow|py|h|hh|hpp|c|cc|cpp|gyp|gypi)$/i;

interface Skipped {
  nativeFiles: string[];
  trimmedFiles: number;
  trimmedBytes: number;
}

/** The files of one package folder, without its own node_modules, native addons and TRIMMED files. */
function readPackage(dir: string, skipped: Skipped, label: string): SnapshotDir {
  const visit = (path: string, rel: string, top: boolean): SnapshotDir => {
    const out: SnapshotDir = new Map();
    for (const name of readdirSync(path).sort()) {
      if (top && name === 'node_modules') continue;
      const full = join(path, name);
      const stat = lstatSync(full);
      const relName = rel ? `${rel}/${name}` : name;
      if (stat.isDirectory()) out.set(name, { d: visit(full, relName, false) });
      else if (stat.isFile()) {
        if (name.endsWith('.node')) {
          skipped.nativeFiles.push(`${label}/${relName}`);
          continue;
        }
        if (TRIMMED.test(name)) {
          skipped.trimmedFiles++;
          skipped.trimmedBytes += stat.size;
          continue;
        }
        out.set(name, { f: { c: readFileSync(full) } });
      }
      // Symlinks inside a published package do not come out of a tarball; none expected.
    }
    return out;
  };
  return visit(dir, '', true);
}

/** Puts `entry` at `path` (slash-separated) in `root`, creating folders. */
function place(root: SnapshotDir, path: string, entry: SnapshotEntry): void {
  const parts = path.split('/');
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    let next = dir.get(part);
    if (!next) dir.set(part, (next = { d: new Map() }));
    if (!('d' in next)) throw new Error(`template-modules: ${path} needs ${part} to be a folder`);
    dir = next.d;
  }
  dir.set(parts.at(-1)!, entry);
}

/** Sorts every folder's entries by name, `.package-lock.json` of node_modules last (the newest file). */
function sortTree(dir: SnapshotDir): SnapshotDir {
  const names = [...dir.keys()].sort((a, b) => {
    if (a === '.package-lock.json') return 1;
    if (b === '.package-lock.json') return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return new Map(
    names.map((name) => {
      const entry = dir.get(name)!;
      return [name, 'd' in entry ? { d: sortTree(entry.d) } : entry];
    }),
  );
}

/** Where node's resolution finds `name` from the package at `from`, among the lockfile's paths. */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at === -1 ? '' : base.slice(0, at);
  }
}

/** Lockfile paths reachable from the root without going through a platform-specific package. */
function reachable(packages: Record<string, LockEntry>): Set<string> {
  const seen = new Set<string>(['']);
  const queue = [''];
  while (queue.length) {
    const from = queue.pop()!;
    const entry = packages[from]!;
    const names = Object.keys({
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...entry.peerDependencies,
    });
    for (const name of names) {
      const path = resolveIn(packages, from, name);
      if (!path || seen.has(path)) continue;
      const target = packages[path]!;
      if (target.os || target.cpu) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  return seen;
}

export function buildTemplateModules(options: BuildOptions = {}): BuiltModules {
  const templateDir = options.templateDir ?? join(repoRoot, 'exercises', '_template');
  const sources = options.sources ?? [join(repoRoot, 'node_modules')];
  const cacheDir = options.cacheDir ?? join(repoRoot, 'node_modules', '.cache', 'kitchen-prebuilt');
  const log = options.log ?? (() => undefined);
  const lockText = readFileSync(join(templateDir, 'package-lock.json'), 'utf8');
  const lock = JSON.parse(lockText) as Lockfile;

  const index = new Map<string, string>();
  if (existsSync(cacheDir))
    for (const name of readdirSync(cacheDir).sort()) {
      if (name.endsWith('.partial')) continue;
      index.set(name.replace('+', '/'), join(cacheDir, name));
    }
  for (const source of sources) indexPackages(source, index);

  // Decide, entry by entry (parents come before their nested packages in sorted order).
  const paths = Object.keys(lock.packages)
    .filter((p) => p !== '')
    .sort();
  const leftOut = new Map<string, string[]>();
  const missing: string[] = [];
  const excluded = new Set<string>();
  const wanted: Array<{ path: string; entry: LockEntry; spec: string }> = [];
  const used = reachable(lock.packages);
  const leave = (reason: string, path: string, spec: string) => {
    excluded.add(path);
    leftOut.set(reason, [...(leftOut.get(reason) ?? []), spec]);
  };
  for (const path of paths) {
    const entry = lock.packages[path]!;
    const name = packageNameOf(path, entry);
    const spec = `${name}@${entry.version}`;
    const parent = path.slice(0, path.lastIndexOf('/node_modules/'));
    if (entry.link || !entry.version) leave(LEFT_OUT.insideLeftOut, path, spec);
    else if (parent && excluded.has(parent)) leave(LEFT_OUT.insideLeftOut, path, spec);
    else if (name === 'sqlite3') leave(LEFT_OUT.sqlite3, path, spec);
    else if (entry.os || entry.cpu) leave(LEFT_OUT.platform, path, spec);
    else if (!used.has(path)) leave(LEFT_OUT.onlyForPlatform, path, spec);
    else wanted.push({ path, entry, spec });
  }

  if (options.fetchMissing) {
    const lacking = new Map(
      wanted.filter((w) => !index.has(w.spec)).map((w) => [w.spec, w.entry.integrity ?? '']),
    );
    fetchPackages(lacking, cacheDir, log);
    for (const spec of lacking.keys()) {
      const dir = cacheFolder(cacheDir, spec);
      if (existsSync(join(dir, 'package.json'))) index.set(spec, dir);
    }
  }

  const root: SnapshotDir = new Map();
  const hidden: Record<string, LockEntry> = {};
  const skipped: Skipped = { nativeFiles: [], trimmedFiles: 0, trimmedBytes: 0 };
  let packages = 0;
  let bins = 0;
  for (const { path, entry, spec } of wanted) {
    const parent = path.slice(0, path.lastIndexOf('/node_modules/'));
    const dir = index.get(spec);
    if (!dir || (parent && excluded.has(parent))) {
      excluded.add(path);
      if (dir) leave(LEFT_OUT.insideLeftOut, path, spec);
      else missing.push(spec);
      continue;
    }
    const files = readPackage(dir, skipped, path);
    const pkgFile = files.get('package.json');
    if (pkgFile && 'f' in pkgFile && 'c' in pkgFile.f && entry.integrity) {
      const pkg = JSON.parse(Buffer.from(pkgFile.f.c).toString('utf8')) as Record<string, unknown>;
      pkg._integrity = entry.integrity;
      files.set('package.json', { f: { c: Buffer.from(`${JSON.stringify(pkg, null, 2)}\n`) } });
    }
    place(root, path, { d: files });
    hidden[path] = entry;
    packages++;
    // npm links bins into the .bin of the node_modules that holds the package.
    const holder = path.slice(0, path.lastIndexOf('node_modules/') + 'node_modules'.length);
    const inHolder = path.slice(holder.length + 1);
    for (const [bin, target] of Object.entries(entry.bin ?? {})) {
      const normalized = posix.normalize(target);
      place(root, `${holder}/.bin/${bin}`, { f: { l: `../${inHolder}/${normalized}` } });
      bins++;
    }
  }
  const hiddenLock = {
    name: lock.name,
    version: lock.version,
    lockfileVersion: lock.lockfileVersion,
    requires: true,
    packages: hidden,
  };
  place(root, 'node_modules/.package-lock.json', {
    f: { c: Buffer.from(`${JSON.stringify(hiddenLock, null, 2)}\n`) },
  });

  const snapshot = encodeSnapshot(sortTree(root));
  let fileCount = 0;
  const countFiles = (dir: SnapshotDir) => {
    for (const entry of dir.values()) {
      if ('d' in entry) countFiles(entry.d);
      else fileCount++;
    }
  };
  countFiles(root);
  const gzipped = gzipSync(snapshot, { level: 9 });
  const manifest: TemplateModulesManifest = {
    version: 1,
    file: MODULES_FILE,
    format: 'webcontainer-snapshot',
    compression: 'gzip',
    lockfileSha256: sha256(lockText),
    sha256: sha256(snapshot),
    bytes: snapshot.length,
    gzipBytes: gzipped.length,
    packages,
    files: fileCount,
    bins,
    leftOut: [...leftOut].map(([reason, specs]) => ({ reason, packages: specs })),
    missing: missing.length ? [{ reason: MISSING_REASON, packages: missing }] : [],
    nativeFilesSkipped: skipped.nativeFiles,
    trimmed: {
      pattern: TRIMMED.source,
      files: skipped.trimmedFiles,
      bytes: skipped.trimmedBytes,
    },
  };
  return { snapshot, gzipped, manifest };
}

/** Writes both files into `outDir` (dist/exercises/). */
export function writeTemplateModules(outDir: string, built: BuiltModules): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, MODULES_FILE), built.gzipped);
  writeFileSync(join(outDir, MANIFEST_FILE), `${JSON.stringify(built.manifest, null, 2)}\n`);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function describeManifest(manifest: TemplateModulesManifest): string {
  const missing = manifest.missing.flatMap((m) => m.packages);
  return (
    `${MODULES_FILE}: ${manifest.packages} packages, ${manifest.files} files, ${mb(manifest.gzipBytes)} ` +
    `shipped (${mb(manifest.bytes)} unpacked)` +
    (missing.length ? `; ${missing.length} left to npm in the container: ${missing.join(', ')}` : '')
  );
}

/**
 * The build hook. It never fails the build: without the files the browser falls back to a full
 * `npm install`, which is slower, not wrong.
 */
export function templateModules(): AstroIntegration {
  return {
    name: 'backend-kitchen-template-modules',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const started = Date.now();
        const outDir = join(fileURLToPath(dir), 'exercises');
        try {
          const built = buildTemplateModules({
            fetchMissing: fetchMissingAtBuild(process.env),
            log: (line) => logger.info(line),
          });
          writeTemplateModules(outDir, built);
          logger.info(
            `${describeManifest(built.manifest)}, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
        } catch (error) {
          rmSync(join(outDir, MODULES_FILE), { force: true });
          rmSync(join(outDir, MANIFEST_FILE), { force: true });
          logger.warn(
            `No prebuilt node_modules (${(error as Error).message}); WebContainers will run a full npm install.`,
          );
        }
      },
    },
  };
}
