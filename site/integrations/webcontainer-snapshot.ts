/**
 * The binary file-system snapshot `WebContainer#mount()` takes as a Uint8Array/ArrayBuffer: MessagePack
 * of `{ d: { name: { d: {…} } | { f: { c: bytes } } | { f: { l: target } } } }`, the format
 * `@webcontainer/snapshot` 0.1.0 writes (`snapshot(folder)`; its test checks we decode to the same
 * tree). `{ f: { l } }` is a symlink: the JSON trees of `@webcontainer/api` send them that way
 * (toInternalFileSystemTree), `@webcontainer/snapshot` refuses them.
 *
 * Written here rather than with `snapshot()` because that one walks a folder on disk with
 * Promise.race, so its key order (and its bytes) change from run to run; this encoder writes the keys
 * in the order it is given, which the caller keeps sorted. Only what the format needs: maps,
 * strings, binaries.
 */

export type SnapshotEntry = { d: SnapshotDir } | { f: { c: Uint8Array } } | { f: { l: string } };
export type SnapshotDir = Map<string, SnapshotEntry>;

const utf8 = new TextEncoder();

class Writer {
  chunks: Uint8Array[] = [];
  length = 0;
  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  header(bytes: number[]): void {
    this.push(Uint8Array.from(bytes));
  }
  mapHeader(size: number): void {
    if (size < 16) this.header([0x80 | size]);
    else if (size < 0x10000) this.header([0xde, size >> 8, size & 0xff]);
    else this.header([0xdf, ...u32(size)]);
  }
  string(value: string): void {
    const bytes = utf8.encode(value);
    const n = bytes.length;
    if (n < 32) this.header([0xa0 | n]);
    else if (n < 0x100) this.header([0xd9, n]);
    else if (n < 0x10000) this.header([0xda, n >> 8, n & 0xff]);
    else this.header([0xdb, ...u32(n)]);
    this.push(bytes);
  }
  binary(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n < 0x100) this.header([0xc4, n]);
    else if (n < 0x10000) this.header([0xc5, n >> 8, n & 0xff]);
    else this.header([0xc6, ...u32(n)]);
    this.push(bytes);
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function writeDir(writer: Writer, dir: SnapshotDir): void {
  writer.mapHeader(1);
  writer.string('d');
  writer.mapHeader(dir.size);
  for (const [name, entry] of dir) {
    writer.string(name);
    if ('d' in entry) {
      writeDir(writer, entry.d);
      continue;
    }
    writer.mapHeader(1);
    writer.string('f');
    writer.mapHeader(1);
    if ('l' in entry.f) {
      writer.string('l');
      writer.string(entry.f.l);
    } else {
      writer.string('c');
      writer.binary(entry.f.c);
    }
  }
}

/** Encodes a folder (the root of what is mounted) in the order its Maps hold. */
export function encodeSnapshot(root: SnapshotDir): Uint8Array {
  const writer = new Writer();
  writeDir(writer, root);
  return writer.concat();
}

/** Decodes what encodeSnapshot (or `@webcontainer/snapshot`) wrote, for tests and the benchmark. */
export function decodeSnapshot(bytes: Uint8Array): SnapshotDir {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  let at = 0;
  const read = (): unknown => {
    const type = bytes[at++]!;
    const take = (n: number) => {
      const slice = bytes.subarray(at, at + n);
      at += n;
      return slice;
    };
    const map = (n: number) => {
      const out = new Map<string, unknown>();
      for (let i = 0; i < n; i++) {
        const key = read();
        if (typeof key !== 'string') throw new Error(`snapshot: a map key at byte ${at} is not a string`);
        out.set(key, read());
      }
      return out;
    };
    const u16 = () => ((at += 2), view.getUint16(at - 2));
    const u32r = () => ((at += 4), view.getUint32(at - 4));
    if (type >= 0x80 && type <= 0x8f) return map(type & 0x0f);
    if (type >= 0xa0 && type <= 0xbf) return text.decode(take(type & 0x1f));
    switch (type) {
      case 0xde:
        return map(u16());
      case 0xdf:
        return map(u32r());
      case 0xd9:
        return text.decode(take(bytes[at++]!));
      case 0xda:
        return text.decode(take(u16()));
      case 0xdb:
        return text.decode(take(u32r()));
      case 0xc4:
        return take(bytes[at++]!);
      case 0xc5:
        return take(u16());
      case 0xc6:
        return take(u32r());
      case 0xc3:
        return true;
      case 0xc2:
        return false;
      default:
        throw new Error(`snapshot: unexpected MessagePack type 0x${type.toString(16)} at byte ${at - 1}`);
    }
  };
  const toDir = (value: unknown): SnapshotDir => {
    const d = value instanceof Map ? value.get('d') : undefined;
    if (!(d instanceof Map)) throw new Error('snapshot: a folder without "d"');
    const dir: SnapshotDir = new Map();
    for (const [name, entry] of d as Map<string, Map<string, unknown>>) {
      if (entry.has('d')) dir.set(name, { d: toDir(entry) });
      else {
        const f = entry.get('f') as Map<string, unknown>;
        const link = f.get('l');
        dir.set(name, typeof link === 'string' ? { f: { l: link } } : { f: { c: f.get('c') as Uint8Array } });
      }
    }
    return dir;
  };
  return toDir(read());
}

/** Every file of a snapshot as `path → entry`, folders joined with '/'. */
export function listSnapshot(dir: SnapshotDir, prefix = ''): Map<string, { c: Uint8Array } | { l: string }> {
  const out = new Map<string, { c: Uint8Array } | { l: string }>();
  for (const [name, entry] of dir) {
    const path = prefix ? `${prefix}/${name}` : name;
    if ('d' in entry) for (const [p, f] of listSnapshot(entry.d, path)) out.set(p, f);
    else out.set(path, entry.f);
  }
  return out;
}
