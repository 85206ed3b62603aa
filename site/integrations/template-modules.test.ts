import { snapshot as stackblitzSnapshot } from '@webcontainer/snapshot';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import {
  fetchMissingAtBuild,
  buildTemplateModules,
  LEFT_OUT,
  MANIFEST_FILE,
  MISSING_REASON,
  MODULES_FILE,
  sha256,
  writeTemplateModules,
} from './template-modules.ts';
import { decodeSnapshot, encodeSnapshot, listSnapshot, type SnapshotDir } from './webcontainer-snapshot.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const templateDir = join(repoRoot, 'exercises', '_template');
const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kitchen-modules-test-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const text = (entry: { c: Uint8Array } | { l: string } | undefined) =>
  entry && 'c' in entry ? Buffer.from(entry.c).toString('utf8') : undefined;

describe('the snapshot format', () => {
  test('decodes what @webcontainer/snapshot writes, and writes what it writes for the same folder', async () => {
    const dir = temp();
    mkdirSync(join(dir, 'node_modules', 'a', 'lib'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'a', 'package.json'), '{"name":"a"}');
    writeFileSync(join(dir, 'node_modules', 'a', 'lib', 'big.js'), 'x'.repeat(70_000));
    writeFileSync(join(dir, 'node_modules', 'a', 'lib', 'bytes.wasm'), Buffer.from([0, 97, 115, 109, 255]));
    writeFileSync(join(dir, 'é long name that needs more than thirty-one bytes.txt'), '');
    const theirs = new Uint8Array(await stackblitzSnapshot(dir));

    const tree: SnapshotDir = new Map([
      [
        'node_modules',
        {
          d: new Map([
            [
              'a',
              {
                d: new Map([
                  ['package.json', { f: { c: Buffer.from('{"name":"a"}') } }],
                  [
                    'lib',
                    {
                      d: new Map([
                        ['big.js', { f: { c: Buffer.from('x'.repeat(70_000)) } }],
                        ['bytes.wasm', { f: { c: Buffer.from([0, 97, 115, 109, 255]) } }],
                      ]),
                    },
                  ],
                ]),
              },
            ],
          ]),
        },
      ],
      ['é long name that needs more than thirty-one bytes.txt', { f: { c: new Uint8Array() } }],
    ]);
    const ours = encodeSnapshot(tree);
    const asObject = (bytes: Uint8Array) =>
      Object.fromEntries(
        [...listSnapshot(decodeSnapshot(bytes))].map(([path, f]) => [path, Buffer.from('c' in f ? f.c : [])]),
      );
    expect(asObject(ours)).toEqual(asObject(theirs));
    // Same bytes too when the keys come in the same order (theirs depends on which read finishes first).
    expect(ours.length).toBe(theirs.length);
  });

  test('keeps symlinks as { f: { l } }', () => {
    const bytes = encodeSnapshot(new Map([['.bin', { d: new Map([['x', { f: { l: '../x/cli.js' } }]]) }]]));
    expect(listSnapshot(decodeSnapshot(bytes)).get('.bin/x')).toEqual({ l: '../x/cli.js' });
  });
});

describe('a tree built from a small lockfile', () => {
  const lockEntry = (version: string, extra: Record<string, unknown> = {}) => ({
    version,
    integrity: `sha512-${version}`,
    ...extra,
  });
  const setup = () => {
    const dir = temp();
    const template = join(dir, 'template');
    const nodeModules = join(dir, 'node_modules');
    mkdirSync(template, { recursive: true });
    writeFileSync(
      join(template, 'package-lock.json'),
      JSON.stringify({
        name: 't',
        version: '1.0.0',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': {
            name: 't',
            version: '1.0.0',
            dependencies: {
              app: '1.0.0',
              dep: '2.0.0',
              '@scope/pkg': '3.0.0',
              gone: '9.9.9',
              sqlite3: '6.0.1',
            },
            optionalDependencies: { 'native-linux-x64': '1.0.0' },
          },
          'node_modules/app': lockEntry('1.0.0', {
            bin: { app: './bin/app.js' },
            dependencies: { dep: '1' },
          }),
          'node_modules/app/node_modules/dep': lockEntry('1.0.0'),
          'node_modules/dep': lockEntry('2.0.0'),
          'node_modules/@scope/pkg': lockEntry('3.0.0', { dependencies: { dep: '2' } }),
          'node_modules/gone': lockEntry('9.9.9', { dependencies: { inner: '1' } }),
          'node_modules/gone/node_modules/inner': lockEntry('1.0.0'),
          'node_modules/sqlite3': lockEntry('6.0.1', { dependencies: { helper: '1' } }),
          'node_modules/sqlite3/node_modules/helper': lockEntry('1.0.0'),
          'node_modules/native-linux-x64': lockEntry('1.0.0', {
            os: ['linux'],
            cpu: ['x64'],
            optional: true,
            dependencies: { 'only-native': '1' },
          }),
          'node_modules/only-native': lockEntry('1.0.0', { optional: true }),
        },
      }),
    );
    const pkg = (path: string, name: string, version: string, files: Record<string, string> = {}) => {
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'package.json'), JSON.stringify({ name, version }));
      for (const [file, contents] of Object.entries(files)) {
        mkdirSync(join(path, file, '..'), { recursive: true });
        writeFileSync(join(path, file), contents);
      }
    };
    // Hoisted differently from the lockfile, as the repository's node_modules is: found by name@version.
    pkg(join(nodeModules, 'app'), 'app', '1.0.0', {
      'bin/app.js': '#!/usr/bin/env node',
      'index.js': 'module.exports = 1',
      'index.d.ts': 'export {}',
      'index.js.map': '{}',
      'README.md': '# app',
      'build/Release/addon.node': 'ELF',
    });
    pkg(join(nodeModules, 'dep'), 'dep', '1.0.0', { 'index.js': 'v1' });
    pkg(join(nodeModules, 'other', 'node_modules', 'dep'), 'dep', '2.0.0', { 'index.js': 'v2' });
    pkg(join(nodeModules, '@scope', 'pkg'), '@scope/pkg', '3.0.0', { 'index.js': 'scoped' });
    pkg(join(nodeModules, 'inner'), 'inner', '1.0.0');
    pkg(join(nodeModules, 'sqlite3'), 'sqlite3', '6.0.1', { 'build/Release/node_sqlite3.node': 'ELF' });
    pkg(join(nodeModules, 'helper'), 'helper', '1.0.0');
    pkg(join(nodeModules, 'native-linux-x64'), 'native-linux-x64', '1.0.0');
    pkg(join(nodeModules, 'only-native'), 'only-native', '1.0.0');
    return { template, nodeModules };
  };

  test('lays the packages out as the lockfile does, and says what it left out and why', () => {
    const { template, nodeModules } = setup();
    const { snapshot, manifest } = buildTemplateModules({
      templateDir: template,
      sources: [nodeModules],
      cacheDir: join(template, 'no-cache'),
    });
    const files = listSnapshot(decodeSnapshot(snapshot));
    expect(text(files.get('node_modules/app/index.js'))).toBe('module.exports = 1');
    expect(text(files.get('node_modules/dep/index.js'))).toBe('v2');
    expect(text(files.get('node_modules/app/node_modules/dep/index.js'))).toBe('v1');
    expect(text(files.get('node_modules/@scope/pkg/index.js'))).toBe('scoped');
    expect(files.get('node_modules/.bin/app')).toEqual({ l: '../app/bin/app.js' });
    // Trimmed: types, maps, docs; dropped: native addons.
    for (const path of [
      'node_modules/app/index.d.ts',
      'node_modules/app/index.js.map',
      'node_modules/app/README.md',
      'node_modules/app/build/Release/addon.node',
    ])
      expect(files.has(path), path).toBe(false);
    expect(manifest.nativeFilesSkipped).toEqual(['node_modules/app/build/Release/addon.node']);
    expect([...files.keys()].filter((p) => p.includes('sqlite3') || p.includes('native-linux'))).toEqual([]);
    expect(Object.fromEntries(manifest.leftOut.map((l) => [l.reason, l.packages]))).toEqual({
      [LEFT_OUT.sqlite3]: ['sqlite3@6.0.1'],
      [LEFT_OUT.insideLeftOut]: ['helper@1.0.0', 'inner@1.0.0'],
      [LEFT_OUT.platform]: ['native-linux-x64@1.0.0'],
      [LEFT_OUT.onlyForPlatform]: ['only-native@1.0.0'],
    });
    expect(manifest.missing).toEqual([{ reason: MISSING_REASON, packages: ['gone@9.9.9'] }]);
    expect(manifest.packages).toBe(4);

    // What npm needs to leave them alone: the integrity in package.json and in the hidden lockfile.
    const appPkg = JSON.parse(text(files.get('node_modules/app/package.json'))!) as Record<string, string>;
    expect(appPkg._integrity).toBe('sha512-1.0.0');
    const hidden = JSON.parse(text(files.get('node_modules/.package-lock.json'))!) as {
      packages: Record<string, { version: string; integrity: string }>;
    };
    expect(Object.keys(hidden.packages).sort()).toEqual([
      'node_modules/@scope/pkg',
      'node_modules/app',
      'node_modules/app/node_modules/dep',
      'node_modules/dep',
    ]);
    // The hidden lockfile is the last entry of node_modules, so it is written last (the newest file).
    const root = decodeSnapshot(snapshot).get('node_modules')!;
    expect('d' in root && [...root.d.keys()].at(-1)).toBe('.package-lock.json');
  });

  test('takes fetched packages from its cache folder', () => {
    const { template, nodeModules } = setup();
    const cacheDir = join(template, 'cache');
    mkdirSync(join(cacheDir, 'gone@9.9.9'), { recursive: true });
    writeFileSync(join(cacheDir, 'gone@9.9.9', 'package.json'), '{"name":"gone","version":"9.9.9"}');
    const { snapshot, manifest } = buildTemplateModules({
      templateDir: template,
      sources: [nodeModules],
      cacheDir,
    });
    expect(manifest.missing).toEqual([]);
    const files = listSnapshot(decodeSnapshot(snapshot));
    expect(files.has('node_modules/gone/package.json')).toBe(true);
    expect(files.has('node_modules/gone/node_modules/inner/package.json')).toBe(true);
  });
});

describe("the exercise template's tree, from this repository's node_modules", () => {
  const built = buildTemplateModules();
  const files = listSnapshot(decodeSnapshot(built.snapshot));
  const lockText = readFileSync(join(templateDir, 'package-lock.json'), 'utf8');
  const lock = JSON.parse(lockText) as { packages: Record<string, { version: string; integrity: string }> };
  const template = JSON.parse(readFileSync(join(templateDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };

  test('holds every dependency of the template but sqlite3, at the pinned version', () => {
    for (const [name, version] of Object.entries(template.dependencies)) {
      const pkg = text(files.get(`node_modules/${name}/package.json`));
      if (name === 'sqlite3') expect(pkg).toBeUndefined();
      else expect((JSON.parse(pkg ?? '{}') as { version?: string }).version, name).toBe(version);
    }
    expect(text(files.get('node_modules/.bin/vitest'))).toBeUndefined();
    expect(files.get('node_modules/.bin/vitest')).toEqual({ l: '../vitest/vitest.mjs' });
  });

  test('has no native addon, nothing of sqlite3 and no platform binary', () => {
    const paths = [...files.keys()];
    expect(paths.filter((p) => p.endsWith('.node'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('node_modules/sqlite3/'))).toEqual([]);
    expect(
      paths.filter((p) => /^node_modules\/(@rolldown\/binding-|lightningcss-|fsevents)/.test(p)),
    ).toEqual([]);
  });

  test('every package is where the lockfile puts it, with its version and integrity; bins resolve', () => {
    const hidden = JSON.parse(text(files.get('node_modules/.package-lock.json'))!) as {
      packages: Record<string, { version: string; integrity: string }>;
    };
    expect(Object.keys(hidden.packages).length).toBe(built.manifest.packages);
    for (const [path, entry] of Object.entries(hidden.packages)) {
      expect(entry).toEqual(lock.packages[path]);
      const pkg = JSON.parse(text(files.get(`${path}/package.json`))!) as Record<string, string>;
      expect([pkg.version, pkg._integrity], path).toEqual([entry.version, entry.integrity]);
    }
    for (const [path, file] of files) {
      if (!('l' in file)) continue;
      const target = new URL(file.l, `file:///${path}`).pathname.slice(1);
      expect(files.has(target), `${path} → ${file.l}`).toBe(true);
    }
  });

  test('the manifest matches the snapshot and the lockfile, and the build is deterministic', () => {
    const { manifest, snapshot } = built;
    expect(manifest.lockfileSha256).toBe(sha256(lockText));
    expect(manifest.sha256).toBe(sha256(snapshot));
    expect(manifest.bytes).toBe(snapshot.length);
    expect(manifest.files).toBe(files.size);
    expect(manifest.file).toBe(MODULES_FILE);
    const missing = manifest.missing.flatMap((m) => m.packages);
    expect(manifest.packages + missing.length + manifest.leftOut.flatMap((l) => l.packages).length).toBe(
      Object.keys(lock.packages).length - 1,
    );
    expect(sha256(buildTemplateModules().snapshot)).toBe(manifest.sha256);

    const out = temp();
    writeTemplateModules(out, built);
    expect(sha256(gunzipSync(readFileSync(join(out, MODULES_FILE))))).toBe(manifest.sha256);
    expect(JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'))).toEqual(manifest);
  });
});

describe('fetching what node_modules lacks at build time', () => {
  test('only where asked, or on a static host build machine; never for npm start or CI by default', () => {
    expect(fetchMissingAtBuild({})).toBe(false);
    expect(fetchMissingAtBuild({ CI: 'true' })).toBe(false);
    expect(fetchMissingAtBuild({ KITCHEN_PREBUILT_FETCH: '1' })).toBe(true);
    expect(fetchMissingAtBuild({ VERCEL: '1' })).toBe(true);
    expect(fetchMissingAtBuild({ NETLIFY: 'true' })).toBe(true);
    expect(fetchMissingAtBuild({ CF_PAGES: '1' })).toBe(true);
    expect(fetchMissingAtBuild({ CF_PAGES: '1', KITCHEN_PREBUILT_FETCH: '0' })).toBe(false);
  });
});
