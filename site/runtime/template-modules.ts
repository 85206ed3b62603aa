/**
 * The prebuilt node_modules of the exercise template (issue 17), browser side. The build
 * (site/integrations/template-modules.ts) publishes `/exercises/template-modules.bin`, a WebContainer
 * snapshot of `node_modules/` as the template's lockfile lays it out (without sqlite3 and native
 * binaries), and `/exercises/template-modules.json`, its manifest.
 *
 * The WebContainer backend's install step, after mounting the template files:
 *
 *   const prebuilt = await mountPrebuiltModules(container, template);
 *   const args = prebuilt.mounted ? INSTALL_AFTER_PREBUILT : FULL_INSTALL;
 *   const process = await container.spawn('npm', args);
 *
 * npm then installs what the tree lacks (sqlite3, from StackBlitz's registry) and leaves the rest:
 * a package with the lockfile's version, integrity and bins is "unchanged" to npm.
 */
import type { TemplateBundle } from './exercise-bundle.ts';

export const TEMPLATE_MODULES_MANIFEST_URL = '/exercises/template-modules.json';

/** `npm install` as today, for when nothing was mounted. */
export const FULL_INSTALL = ['install', '--no-audit', '--no-fund'];

/**
 * After the prebuilt tree: a plain `npm install` (never `npm ci`, which deletes node_modules first).
 * It reconciles node_modules with the lockfile, so it adds sqlite3 and anything the tree lacks and
 * keeps the rest; `--prefer-offline` lets it use its cache without asking the registry again.
 */
export const INSTALL_AFTER_PREBUILT = ['install', '--no-audit', '--no-fund', '--prefer-offline'];

export interface TemplateModulesManifest {
  version: 1;
  /** The snapshot, next to the manifest. */
  file: string;
  format: 'webcontainer-snapshot';
  /** The file is gzipped (DecompressionStream unpacks it; a host that gzips it again is handled too). */
  compression: 'gzip';
  /** SHA-256 (hex) of the template's package-lock.json the tree was built from. */
  lockfileSha256: string;
  /** SHA-256 (hex) and size of the snapshot, unpacked (what `mount()` takes). */
  sha256: string;
  bytes: number;
  /** Size of the file as published. */
  gzipBytes: number;
  packages: number;
  files: number;
  bins: number;
  /** Lockfile entries deliberately not in the tree, by reason (`name@version`). */
  leftOut: Array<{ reason: string; packages: string[] }>;
  /** Lockfile entries this build could not find; npm in the container fetches them. */
  missing: Array<{ reason: string; packages: string[] }>;
  /** `.node` files found in copied packages and dropped. */
  nativeFilesSkipped: string[];
  /** Files left out of every package because nothing in a WebContainer reads them (maps, types, docs…). */
  trimmed: { pattern: string; files: number; bytes: number };
}

/** The slice of a WebContainer this needs (`WebContainer#mount` accepts a snapshot's bytes). */
export interface SnapshotMountable {
  mount(tree: Uint8Array | ArrayBuffer, options?: { mountPoint?: string }): Promise<void>;
}

export interface PrebuiltResult {
  mounted: boolean;
  /** Bytes downloaded for the snapshot (0 when nothing was mounted). */
  bytes: number;
  /** Why nothing was mounted. */
  reason?: string;
  /** Packages npm in the container still has to fetch besides sqlite3 (from the manifest). */
  missing?: string[];
}

async function sha256Hex(data: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Unpacks gzip (magic 1f 8b) with DecompressionStream; a body the host already unpacked passes through. */
async function gunzipIfGzipped(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Mounts the prebuilt node_modules when its manifest was built from the same lockfile as `template`'s.
 * Never throws: anything wrong (no files, an old build, a failed download or mount) gives
 * `{ mounted: false, reason }`, and the caller runs the full install.
 */
export async function mountPrebuiltModules(
  container: SnapshotMountable,
  template: TemplateBundle,
  fetchImpl: typeof fetch = fetch,
  manifestUrl: string = TEMPLATE_MODULES_MANIFEST_URL,
): Promise<PrebuiltResult> {
  const skip = (reason: string): PrebuiltResult => ({ mounted: false, bytes: 0, reason });
  try {
    const lockfile = template.files['package-lock.json'];
    if (lockfile === undefined) return skip('the template has no package-lock.json');
    const answer = await fetchImpl(manifestUrl, { cache: 'no-cache' });
    if (!answer.ok) return skip(`no prebuilt node_modules (${manifestUrl} answered ${answer.status})`);
    const manifest = (await answer.json()) as TemplateModulesManifest;
    if (manifest.version !== 1 || manifest.format !== 'webcontainer-snapshot')
      return skip(`the prebuilt node_modules has a format this page does not know (${manifest.format})`);
    const lockHash = await sha256Hex(new TextEncoder().encode(lockfile));
    if (manifest.lockfileSha256 !== lockHash)
      return skip('the prebuilt node_modules was built from another package-lock.json (stale)');
    // The snapshot's own hash in the URL: a cache never pairs this manifest with an older file.
    if (!/^[\w.-]+$/.test(manifest.file)) return skip(`the manifest names an odd file (${manifest.file})`);
    const folder = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
    const fileUrl = `${folder}${manifest.file}?v=${manifest.sha256.slice(0, 16)}`;
    const file = await fetchImpl(fileUrl);
    if (!file.ok) return skip(`the prebuilt node_modules could not be downloaded (${file.status})`);
    const downloaded = new Uint8Array(await file.arrayBuffer());
    const bytes = await gunzipIfGzipped(downloaded);
    if (bytes.length !== manifest.bytes || (await sha256Hex(bytes)) !== manifest.sha256)
      return skip('the prebuilt node_modules download does not match its manifest');
    // mount() transfers the buffer to the container: nothing may read `bytes` after this.
    await container.mount(bytes);
    return {
      mounted: true,
      bytes: downloaded.length,
      missing: manifest.missing.flatMap((m) => m.packages),
    };
  } catch (error) {
    return skip(`the prebuilt node_modules could not be mounted: ${(error as Error).message}`);
  }
}
