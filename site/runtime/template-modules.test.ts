import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  INSTALL_AFTER_PREBUILT,
  mountPrebuiltModules,
  TEMPLATE_MODULES_MANIFEST_URL,
  type TemplateModulesManifest,
} from './template-modules.ts';
import type { TemplateBundle } from './exercise-bundle.ts';

const hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const lockfile = '{"name":"kitchen-exercise","lockfileVersion":3,"packages":{}}\n';
const template: TemplateBundle = { files: { 'package.json': '{}', 'package-lock.json': lockfile } };
const snapshot = Uint8Array.from([0x81, 0xa1, 0x64, 0x80]); // { d: {} }

function site(
  options: {
    manifest?: Partial<TemplateModulesManifest> | null;
    body?: Uint8Array<ArrayBuffer>;
    status?: number;
  } = {},
) {
  const manifest: TemplateModulesManifest = {
    version: 1,
    file: 'template-modules.bin.gz',
    format: 'webcontainer-snapshot',
    compression: 'gzip',
    lockfileSha256: hex(lockfile),
    sha256: hex(snapshot),
    bytes: snapshot.length,
    gzipBytes: 0,
    packages: 0,
    files: 0,
    bins: 0,
    leftOut: [],
    missing: [{ reason: 'not here', packages: ['vite@8.3.8'] }],
    nativeFilesSkipped: [],
    trimmed: { pattern: '', files: 0, bytes: 0 },
    ...options.manifest,
  };
  const body = options.body ?? new Uint8Array(gzipSync(snapshot));
  const requested: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    requested.push(url);
    if (url === TEMPLATE_MODULES_MANIFEST_URL)
      return options.manifest === null
        ? new Response('not found', { status: 404 })
        : new Response(JSON.stringify(manifest));
    if (url.startsWith('/exercises/template-modules.bin.gz?v='))
      return new Response(body, { status: options.status ?? 200 });
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { fetchImpl, requested };
}

function container(fail?: Error) {
  const mounted: Uint8Array[] = [];
  return {
    mounted,
    async mount(tree: Uint8Array | ArrayBuffer) {
      if (fail) throw fail;
      mounted.push(new Uint8Array(tree));
    },
  };
}

describe('mountPrebuiltModules', () => {
  test('mounts the unpacked snapshot when the manifest was built from the same lockfile', async () => {
    const { fetchImpl, requested } = site();
    const fake = container();
    const result = await mountPrebuiltModules(fake, template, fetchImpl);
    expect(result).toEqual({ mounted: true, bytes: gzipSync(snapshot).length, missing: ['vite@8.3.8'] });
    expect(fake.mounted).toEqual([snapshot]);
    // The snapshot's hash is in its URL, so no cache pairs a new manifest with an old file.
    expect(requested[1]).toBe(`/exercises/template-modules.bin.gz?v=${hex(snapshot).slice(0, 16)}`);
  });

  test('takes a body the host already unpacked (Content-Encoding: gzip)', async () => {
    const fake = container();
    const result = await mountPrebuiltModules(fake, template, site({ body: snapshot }).fetchImpl);
    expect(result.mounted).toBe(true);
    expect(fake.mounted).toEqual([snapshot]);
  });

  test('falls back when there is no prebuilt tree', async () => {
    const fake = container();
    const result = await mountPrebuiltModules(fake, template, site({ manifest: null }).fetchImpl);
    expect(result).toMatchObject({ mounted: false, bytes: 0 });
    expect(result.reason).toMatch(/no prebuilt node_modules.*404/);
    expect(fake.mounted).toEqual([]);
  });

  test('falls back when the tree was built from another lockfile (stale)', async () => {
    const fake = container();
    const { fetchImpl, requested } = site({ manifest: { lockfileSha256: hex('an older lockfile') } });
    const result = await mountPrebuiltModules(fake, template, fetchImpl);
    expect(result).toMatchObject({ mounted: false });
    expect(result.reason).toMatch(/another package-lock\.json \(stale\)/);
    expect(requested).toEqual([TEMPLATE_MODULES_MANIFEST_URL]);
    expect(fake.mounted).toEqual([]);
  });

  test('falls back when the file is missing or does not match its manifest', async () => {
    const missing = await mountPrebuiltModules(container(), template, site({ status: 404 }).fetchImpl);
    expect(missing.reason).toMatch(/could not be downloaded \(404\)/);
    const other = await mountPrebuiltModules(
      container(),
      template,
      site({ body: new Uint8Array(gzipSync(Uint8Array.from([0x80]))) }).fetchImpl,
    );
    expect(other.reason).toMatch(/does not match its manifest/);
  });

  test('falls back, without throwing, when the manifest is unknown or the mount fails', async () => {
    const format = await mountPrebuiltModules(
      container(),
      template,
      site({ manifest: { version: 2 as 1 } }).fetchImpl,
    );
    expect(format.reason).toMatch(/format this page does not know/);
    const failed = await mountPrebuiltModules(container(new Error('boom')), template, site().fetchImpl);
    expect(failed).toEqual({
      mounted: false,
      bytes: 0,
      reason: 'the prebuilt node_modules could not be mounted: boom',
    });
    const noLock = await mountPrebuiltModules(container(), { files: {} }, site().fetchImpl);
    expect(noLock.reason).toMatch(/no package-lock\.json/);
  });

  test('the install after it is a plain npm install (never npm ci, which empties node_modules)', () => {
    expect(INSTALL_AFTER_PREBUILT[0]).toBe('install');
    expect(INSTALL_AFTER_PREBUILT).not.toContain('ci');
  });
});
