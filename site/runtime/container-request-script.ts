/**
 * The node script a WebContainer gets (at REQUEST_ENTRY, contract.ts) to send the Request panel's
 * requests: the host page cannot fetch a WebContainer's preview URL, but a process inside the container
 * can reach the app on localhost. It takes one JSON argument and prints one `@@kitchen` reply line. The
 * local runner answers the same spawn itself, through the app's socket in its sandbox, with the same
 * line.
 */
export const REPLY_BYTES_LIMIT = 256 * 1024;

export const REQUEST_SCRIPT = `// Written by Backend Kitchen: sends one request to your running app.
const { port, method, path, headers, body, limit } = JSON.parse(process.argv[2]);
const started = performance.now();
try {
  const res = await fetch('http://localhost:' + port + path, { method, headers, body, redirect: 'manual' });
  let text = await res.text();
  const truncated = text.length > limit;
  if (truncated) text = text.slice(0, limit);
  const out = { status: res.status, headers: Object.fromEntries(res.headers), body: text,
    durationMs: Math.round(performance.now() - started), truncated };
  console.log('@@kitchen ' + JSON.stringify({ type: 'reply', reply: out }));
} catch (error) {
  console.log('@@kitchen ' + JSON.stringify({ type: 'reply-error', message: String(error && error.cause ? error.cause.message ?? error.cause : error.message) }));
}
`;
