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
