// What the OpenAPI tests share: reading the learner's /openapi.json (local $refs and a relative
// servers URL included), the operations it lists, and probes that send each operation to the app to
// see whether the app really answers it. Probing is behavioural: an operation the app answers gets
// something other than 404 or 405 when its {id} is a real order and its body a valid one.
import { writeDatabase } from '../grading/db.js';
import { learnerApp, request } from '../grading/http.js';

export const PATHS = ['/api/v1/orders', '/api/v1/orders/{id}'];
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A valid order and a valid status change, for probes. */
export const GOOD_ORDER = { dish: 'Leek soup', quantity: 2, note: 'no croutons' };
export const GOOD_CHANGE = { status: 'cooking' };

/** Writes a fresh order (received) into the table and returns its id. */
export async function freshOrder(status = 'received') {
  await learnerApp();
  const { lastID } = await writeDatabase('INSERT INTO orders (dish, quantity, status) VALUES (?, ?, ?)', ['Pea soup', 1, status]);
  return lastID;
}

/** GET /openapi.json: the reply and the document (undefined unless it is a JSON object). */
export async function fetchDocument() {
  const res = await request('GET', '/openapi.json');
  const doc = res.status === 200 && res.body !== null && typeof res.body === 'object' && !Array.isArray(res.body) ? res.body : undefined;
  return { res, doc };
}

/** The document, or "this needs task 1 first" when there is none with a paths object. */
export async function needsDocument() {
  const { res, doc } = await fetchDocument();
  res.needsTask(
    1,
    doc && doc.paths !== null && typeof doc.paths === 'object',
    `GET /openapi.json should answer 200 with an OpenAPI document that has "paths" (it answered ${res.status})`,
  );
  return { res, doc };
}

/** The value a local $ref ("#/components/schemas/Order") points at, followed until it is no $ref. */
export function resolve(doc, node) {
  let current = node;
  for (let depth = 0; depth < 10 && current && typeof current === 'object' && typeof current.$ref === 'string'; depth++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) return undefined;
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((value, key) => (value && typeof value === 'object' ? value[key] : undefined), doc);
  }
  return current;
}

/** The path a relative or absolute servers[0].url adds in front of every documented path ("" for none). */
function serverPrefix(doc) {
  const url = doc.servers?.[0]?.url;
  if (typeof url !== 'string') return '';
  try {
    return new URL(url, 'http://localhost').pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

/** A path template with its parameters' names left out, so /orders/{id} and /orders/{orderId} match. */
export function shape(template) {
  return template.replace(/\{[^}]*\}/g, '{}');
}

/** "PATCH /api/v1/orders/{id}" */
export function label(method, template) {
  return `${method.toUpperCase()} ${template}`;
}

/** Every operation the document lists: { method, template (with the server prefix), pathItem, operation }. */
export function documentedOperations(doc) {
  const prefix = serverPrefix(doc);
  const found = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const pathItem = resolve(doc, rawItem);
    if (!pathItem || typeof pathItem !== 'object') continue;
    for (const method of [...METHODS, 'head', 'options', 'trace']) {
      if (pathItem[method] && typeof pathItem[method] === 'object') {
        found.push({ method, template: `${prefix}${path}`, pathItem, operation: pathItem[method] });
      }
    }
  }
  return found;
}

/** The documented operation for this method and path (any parameter names), or undefined. */
export function findOperation(doc, method, template) {
  return documentedOperations(doc).find((op) => op.method === method && shape(op.template) === shape(template));
}

/** Sends one operation to the app, with a real order for {…} and a valid body; returns the reply. */
export async function probe(method, template) {
  const path = template.includes('{') ? template.replace(/\{[^}]*\}/g, String(await freshOrder())) : template;
  const itemPath = template.includes('{');
  const body = ['post', 'put', 'patch'].includes(method) ? (itemPath ? GOOD_CHANGE : GOOD_ORDER) : undefined;
  return request(method.toUpperCase(), path, body === undefined ? {} : { body });
}

/** Whether a probe's reply shows a route that answers the operation. */
export function answered(res) {
  return res.status !== 404 && res.status !== 405;
}

/** The schema of a request body's application/json content, $refs followed, or undefined. */
export function bodySchema(doc, operation) {
  const requestBody = resolve(doc, operation?.requestBody);
  return resolve(doc, requestBody?.content?.['application/json']?.schema);
}

/** A JSON Schema type that is `expected`, or a list of types that holds it. */
export function hasType(schema, expected) {
  const type = schema?.type;
  return type === expected || (Array.isArray(type) && type.includes(expected));
}

/** The documented response of an operation for a status: "404", or a range such as "4XX". */
export function documentedResponse(doc, operation, status) {
  const responses = operation?.responses ?? {};
  const exact = String(status);
  const range = `${exact[0]}XX`;
  const key = Object.keys(responses).find((name) => name === exact || name.toUpperCase() === range);
  return key === undefined ? undefined : { key, response: resolve(doc, responses[key]) };
}

/** The media type of a reply, without its parameters: "application/problem+json". */
export function mediaType(res) {
  return (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
