import { KITCHEN_LINE_PREFIX, type KitchenLine } from './contract.ts';

/**
 * Turns a stream of text chunks (split anywhere) into whole lines. Terminal output from a WebContainer
 * arrives in arbitrary pieces with CRLF endings; the harness's `@@kitchen` lines must be read whole.
 */
export class LineSplitter {
  #pending = '';
  /** Feeds a chunk; returns the lines it completed, without their line endings. */
  push(chunk: string): string[] {
    const text = this.#pending + chunk;
    const parts = text.split(/\r?\n/);
    this.#pending = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, ''));
  }
  /** The unterminated rest, once the stream has ended. */
  flush(): string[] {
    const rest = this.#pending;
    this.#pending = '';
    return rest ? [rest] : [];
  }
}

/** Removes ANSI escape sequences, which a pseudo-terminal may wrap around JSON lines. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
}

/** The `@@kitchen` message on a line of the harness's or the request script's output, if there is one. */
export function parseKitchenLine(line: string): KitchenLine | undefined {
  const clean = stripAnsi(line);
  const at = clean.indexOf(KITCHEN_LINE_PREFIX);
  if (at === -1) return undefined;
  try {
    const message = JSON.parse(clean.slice(at + KITCHEN_LINE_PREFIX.length)) as KitchenLine;
    return typeof message === 'object' && message !== null && typeof message.type === 'string'
      ? message
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a stream of text line by line until it ends. */
export async function readLines(output: ReadableStream<string>, onLine: (line: string) => void): Promise<void> {
  const splitter = new LineSplitter();
  const reader = output.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const line of splitter.push(value)) onLine(line);
    }
  } finally {
    for (const line of splitter.flush()) onLine(line);
    reader.releaseLock();
  }
}
