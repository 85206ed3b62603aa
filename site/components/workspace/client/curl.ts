/** Builds the curl command that repeats a request, so the learner can rerun it in a terminal. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlLine(
  request: { method: string; path: string; headers?: Record<string, string>; body?: string },
  origin: string,
): string {
  const parts = ['curl', '-i'];
  if (request.method !== 'GET') parts.push('-X', request.method);
  parts.push(quote(`${origin}${request.path.startsWith('/') ? '' : '/'}${request.path}`));
  for (const [name, value] of Object.entries(request.headers ?? {}))
    parts.push('-H', quote(`${name}: ${value}`));
  if (request.body) parts.push('--data', quote(request.body));
  return parts.join(' ');
}

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
