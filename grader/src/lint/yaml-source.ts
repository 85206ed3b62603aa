/**
 * A parsed YAML document (a whole file or a lesson's frontmatter) that remembers where each key is,
 * so problems can point at the line of the field they are about.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export interface YamlSource {
  /** The parsed value, or undefined when the YAML could not be parsed. */
  value: unknown;
  /** Syntax errors with 1-based lines in the file. */
  errors: { line: number; message: string }[];
  /** The line of the key at `path` (or of the value, for list items); falls back to the nearest parent. */
  lineOf(path: readonly PropertyKey[]): number;
}

/** `lineOffset` is how many lines of the file come before the YAML (1 for frontmatter after `---`). */
export function parseYamlSource(text: string, lineOffset = 0): YamlSource {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const toLine = (offset: number) => counter.linePos(offset).line + lineOffset;
  const errors = doc.errors.map((error) => ({
    line: toLine(error.pos[0]),
    message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
  }));
  return {
    value: errors.length > 0 ? undefined : doc.toJS(),
    errors,
    lineOf: (path) => toLine(offsetOf(doc, path)),
  };
}

function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key),
      );
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (
      node &&
      typeof node === 'object' &&
      'items' in node &&
      Array.isArray(node.items) &&
      typeof key === 'number'
    ) {
      const item: unknown = node.items[key];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range))
    return node.range[0] as number;
  return undefined;
}

/** Splits `---\n…\n---` frontmatter off an MDX file. `bodyLine` is the 1-based line the body starts on. */
export function splitFrontmatter(
  text: string,
): { frontmatter: string; bodyLine: number; body: string } | undefined {
  const match = /^---\r?\n([\s\S]*?\r?\n)?---\r?\n?/.exec(text);
  if (!match) return undefined;
  const frontmatter = match[1] ?? '';
  const bodyLine = match[0].split('\n').length - (match[0].endsWith('\n') ? 1 : 0) + 1;
  return { frontmatter, bodyLine, body: text.slice(match[0].length) };
}
