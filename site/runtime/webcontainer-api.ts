/**
 * The slice of `@webcontainer/api` that WebContainerBackend uses. The real `WebContainer` satisfies it
 * structurally; the unit tests implement it with a fake, because a real one cannot boot offline.
 */
export interface WebContainerProcess {
  exit: Promise<number>;
  output: ReadableStream<string>;
  input: WritableStream<string>;
  kill(): void;
}

export interface WebContainerSpawnOptions {
  cwd?: string;
  env?: Record<string, string | number | boolean>;
  output?: boolean;
}

export type DirectoryTree = {
  [name: string]: { file: { contents: string } } | { directory: DirectoryTree };
};

export interface ContainerFs {
  readFile(path: string, encoding: 'utf-8'): Promise<string>;
  writeFile(path: string, data: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<string>;
  rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  rename(oldPath: string, newPath: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
}

export interface WebContainerLike {
  fs: ContainerFs;
  spawn(command: string, args: string[], options?: WebContainerSpawnOptions): Promise<WebContainerProcess>;
  on(event: 'port', listener: (port: number, type: 'open' | 'close', url: string) => void): () => void;
  /** A file tree, or a snapshot's bytes (template-modules.ts), at the workdir or under `mountPoint`. */
  mount(tree: DirectoryTree | Uint8Array | ArrayBuffer, options?: { mountPoint?: string }): Promise<void>;
}

/** Boots the real thing; imported lazily so pages that never use it don't download it. */
export async function bootRealWebContainer(): Promise<WebContainerLike> {
  const { WebContainer } = await import('@webcontainer/api');
  return WebContainer.boot({ coep: 'require-corp', workdirName: 'kitchen' });
}
