/** The curl command that repeats a request: the grader's own builder, so both print the same line. */
export { curlLine } from '../../../../exercises/_template/grading/curl.js';

/** Parses the request panel's "Name: value" lines, naming the first bad line. */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`Header line ${index + 1} ("${line}") needs the form "Name: value".`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
