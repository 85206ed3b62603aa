/**
 * Small, line-preserving views of Markdown/MDX text for the rules: headings, and the text with fenced
 * and inline code blanked out, so examples inside code are never mistaken for links or headings.
 */

/** Replaces the contents of fenced code blocks and inline code spans with spaces, keeping line breaks. */
export function blankCode(text: string): string {
  const lines = text.split('\n');
  let fence: string | undefined;
  const out = lines.map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return ' '.repeat(line.length);
    }
    if (marker) {
      fence = marker;
      return ' '.repeat(line.length);
    }
    return line.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length));
  });
  return out.join('\n');
}

export interface Heading {
  level: number;
  text: string;
  /** 1-based. */
  line: number;
  /** The text up to the next heading of the same or a higher level. */
  body: string;
}

export function headings(text: string): Heading[] {
  const lines = blankCode(text).split('\n');
  const raw = text.split('\n');
  const found: Heading[] = [];
  lines.forEach((line, i) => {
    const match = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (match) found.push({ level: match[1]!.length, text: match[2]!, line: i + 1, body: '' });
  });
  found.forEach((heading, i) => {
    const end = found.slice(i + 1).find((next) => next.level <= heading.level)?.line ?? raw.length + 1;
    heading.body = raw.slice(heading.line, end - 1).join('\n');
  });
  return found;
}

/** `## 3. Title` → { id: "3", title: "Title" }. */
export function taskHeading(heading: Heading): { id: string; title: string } | undefined {
  if (heading.level !== 2) return undefined;
  const match = /^(\d+)\.\s+(.+)$/.exec(heading.text);
  return match ? { id: match[1]!, title: match[2]! } : undefined;
}
