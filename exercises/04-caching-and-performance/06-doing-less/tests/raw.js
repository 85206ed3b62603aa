// Requests sent the way a browser sends them, over a real connection with node:http, so the checks
// see the bytes as they travel: compressed or not, and how large. (The usual request() helper asks
// for gzip on every request and unpacks the answer before a test sees it.)
import http from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Reply, learnerApp } from '../grading/http.js';
import { currentTaskId, fail, recordRequest } from '../grading/runtime.js';

const UNPACK = { gzip: gunzipSync, 'x-gzip': gunzipSync, br: brotliDecompressSync, deflate: inflateSync };

/** curl -i, or for a request that accepts gzip, a curl that prints only the headers (not the packed bytes). */
function curlLine(path, headers) {
  const packed = Object.values(headers).some((value) => /gzip|br|deflate/.test(value));
  const parts = packed ? ['curl', '-s', '-D', '-', '-o', '/dev/null'] : ['curl', '-i'];
  for (const [name, value] of Object.entries(headers)) parts.push('-H', `'${name}: ${value}'`);
  parts.push(`http://localhost:3000${path}`);
  return parts.join(' ');
}

/**
 * GET `path` with exactly these headers (no Accept-Encoding unless given). Returns a Reply whose text
 * is the unpacked body, plus `bytes` (the length as sent), `encoding` (the Content-Encoding, or
 * undefined) and `unpackError` (why the body could not be unpacked, if it could not).
 * @param {string} path @param {Record<string, string>} [headers]
 */
export async function rawGet(path, headers = {}) {
  const app = await learnerApp();
  const sent = { method: 'GET', path, headers, body: undefined, curl: curlLine(path, headers) };
  recordRequest(sent);
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  let answer;
  try {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
    answer = await new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, bytes: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.setTimeout(2000, () => req.destroy(new Error('no response within 2 s')));
      req.on('error', reject);
    });
  } catch (error) {
    fail(
      `Task ${currentTaskId() ?? '?'} · GET ${path} → ${error.message}. Every request must end with res.json(), res.send() or res.end().`,
      'NO_RESPONSE',
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const encoding = answer.headers['content-encoding']?.toLowerCase().trim();
  let body = answer.bytes;
  let unpackError;
  if (encoding && encoding !== 'identity') {
    const unpack = UNPACK[encoding];
    try {
      if (!unpack) throw new Error(`the grader does not know the encoding "${encoding}"`);
      body = unpack(answer.bytes);
    } catch (error) {
      unpackError = error.message;
    }
  }
  const headersInOne = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, [value].flat().join(', ')]));
  const reply = new Reply(sent, { status: answer.status, headers: headersInOne, body: unpackError ? '' : body.toString('utf8') }, app);
  return Object.assign(reply, { bytes: answer.bytes.length, encoding, unpackError });
}

/** "1,234 bytes" / "1 byte". */
export function bytes(count) {
  return `${count.toLocaleString('en')} byte${count === 1 ? '' : 's'}`;
}
