/**
 * Limits no rlimit can hold, watched from outside the sandbox: the resident memory of a learner
 * process and everything it started (V8's heap cap misses Buffers, WebAssembly and native memory),
 * and the bytes and files its workspace holds. A tick reads /proc and walks the workspace; when a
 * limit is passed, `onLimit` is told once and the caller kills the whole sandbox.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processTree } from '../../../grader/src/process-tree.ts';

export { processTree };

export type ResourceLimitKind = 'memory' | 'disk' | 'files';

export interface ResourceWatchOptions {
  /** The process the sandbox was started as (bwrap); everything below it counts. */
  rootPid: number;
  memoryBytes: number;
  workspace?: string;
  diskBytes?: number;
  /** Entries (files and folders) the workspace may hold. */
  maxEntries?: number;
  intervalMs?: number;
  onLimit(kind: ResourceLimitKind, used: number): void;
}

export interface ResourceWatch {
  stop(): void;
  /** The largest resident size seen, in bytes (for the bench and tests). */
  peakMemory(): number;
}

const PAGE_BYTES = 4096;
/** Walking the workspace costs more than reading /proc: do it every few ticks. */
const DISK_EVERY = 4;

/** Resident bytes of these processes together. */
export function residentBytes(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
      if (Number.isFinite(pages)) total += pages * PAGE_BYTES;
    } catch {
      // Gone.
    }
  }
  return total;
}

/**
 * Bytes and entries under `dir`, without following links; stops counting past `maxEntries`. Not
 * grading/files.js's listFiles: a disk budget counts every entry (folders, links, node_modules), bounded.
 */
export function folderUsage(dir: string, maxEntries: number): { bytes: number; entries: number } {
  let bytes = 0;
  let entries = 0;
  const stack = [dir];
  while (stack.length > 0 && entries <= maxEntries) {
    const current = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      continue;
    }
    for (const name of names) {
      entries += 1;
      if (entries > maxEntries) break;
      const path = join(current, name);
      try {
        const stat = lstatSync(path);
        // Allocated blocks, not the apparent size: a sparse file costs what it really holds.
        bytes += Math.max(stat.size > 0 ? stat.blocks * 512 : 0, 0);
        if (stat.isDirectory()) stack.push(path);
      } catch {
        // Gone.
      }
    }
  }
  return { bytes, entries };
}

export function watchResources(options: ResourceWatchOptions): ResourceWatch {
  const maxEntries = options.maxEntries ?? 5000;
  let peak = 0;
  let ticks = 0;
  let fired = false;
  const fire = (kind: ResourceLimitKind, used: number) => {
    if (fired) return;
    fired = true;
    clearInterval(timer);
    options.onLimit(kind, used);
  };
  const tick = () => {
    const memory = residentBytes(processTree(options.rootPid));
    peak = Math.max(peak, memory);
    if (memory > options.memoryBytes) return fire('memory', memory);
    ticks += 1;
    if (options.workspace && options.diskBytes !== undefined && ticks % DISK_EVERY === 0) {
      const usage = folderUsage(options.workspace, maxEntries);
      if (usage.entries > maxEntries) return fire('files', usage.entries);
      if (usage.bytes > options.diskBytes) return fire('disk', usage.bytes);
    }
  };
  const timer = setInterval(tick, options.intervalMs ?? 250);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    peakMemory: () => peak,
  };
}

/** What a learner reads when a limit stopped their code. */
export function limitMessage(kind: ResourceLimitKind | 'cpu' | 'file-size', limit: number): string {
  const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
  switch (kind) {
    case 'memory':
      return `Your app used more than ${mb(limit)} of memory, the most it may use here, so the runner stopped it. Look for a list or a Buffer that grows on every request, or a loop that never ends.`;
    case 'disk':
      return `Your app's files grew past ${mb(limit)}, the most a workspace may hold, so the runner stopped it. Look for code that writes to a file in a loop.`;
    case 'files':
      return `Your app created more than ${limit} files and folders, the most a workspace may hold, so the runner stopped it.`;
    case 'cpu':
      return `Your app kept the processor busy for ${limit} s, the most it may here, so the runner stopped it. Look for an endless loop.`;
    case 'file-size':
      return `Your app tried to write a file larger than ${mb(limit)}, the most one file may be here, so the runner stopped it.`;
  }
}
