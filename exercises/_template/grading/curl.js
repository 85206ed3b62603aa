// @ts-check
// The one curl builder: the grader's failure messages ("Try it yourself: …") and the workspace's
// Request panel (site/components/workspace/client/curl.ts imports this file) print the same line
// for the same request. Plain JavaScript without imports, so it runs in the test worker and the
// browser alike.

/**
 * Quotes for a POSIX shell, only when the text needs it.
 * @param {string} text
 */
export function shellQuote(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The curl command that repeats a request (`-i` shows the status line and headers).
 * @param {{ method: string, path: string, headers?: Record<string, string>, body?: string }} request
 * @param {string} origin e.g. http://localhost:3000
 * @returns {string}
 */
export function curlLine(request, origin) {
  const parts = ['curl', '-i'];
  if (request.method !== 'GET') parts.push('-X', request.method);
  parts.push(shellQuote(`${origin}${request.path.startsWith('/') ? '' : '/'}${request.path}`));
  for (const [name, value] of Object.entries(request.headers ?? {})) parts.push('-H', shellQuote(`${name}: ${value}`));
  // --data-raw: a body that starts with @ is sent as it is, not read from a file.
  if (request.body !== undefined && request.body !== '') parts.push('--data-raw', shellQuote(request.body));
  return parts.join(' ');
}
