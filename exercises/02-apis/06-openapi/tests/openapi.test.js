import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import {
  GOOD_CHANGE,
  GOOD_ORDER,
  METHODS,
  PATHS,
  answered,
  bodySchema,
  documentedOperations,
  documentedResponse,
  fetchDocument,
  findOperation,
  freshOrder,
  hasType,
  label,
  mediaType,
  needsDocument,
  probe,
  resolve,
} from './document.js';

describe('1. Serve an OpenAPI 3.1 document', () => {
  test('GET /openapi.json answers 200 with a JSON object', async () => {
    const { res, doc } = await fetchDocument();
    res.expectStatus(200);
    res.expectHeader('content-type', /application\/json/);
    res.expect(doc !== undefined, `a JSON object, the OpenAPI document; got ${res.text.slice(0, 200) || 'an empty body'}`);
  });

  test('the document says "openapi": "3.1.…" and has an info with a title and a version', async () => {
    const { res, doc } = await fetchDocument();
    res.expectStatus(200);
    res.expect(typeof doc?.openapi === 'string' && /^3\.1\.\d+$/.test(doc.openapi), `"openapi" to be a 3.1 version such as "3.1.2"; got ${JSON.stringify(doc?.openapi) ?? 'none'}`);
    res.expect(
      typeof doc.info?.title === 'string' && doc.info.title.trim() !== '' && typeof doc.info?.version === 'string' && doc.info.version.trim() !== '',
      `an "info" object with a "title" and a "version", both text, such as { "title": "Kitchen API", "version": "1.0.0" }; got ${JSON.stringify(doc.info) ?? 'none'}`,
    );
  });

  test('the document has a "paths" object', async () => {
    const { res, doc } = await fetchDocument();
    res.expectStatus(200);
    res.expect(doc?.paths !== null && typeof doc?.paths === 'object' && !Array.isArray(doc.paths), `a "paths" object, one key per path; got ${JSON.stringify(doc?.paths) ?? 'none'}`);
  });
});

describe('2. Document every route, and only those', () => {
  test('every operation the document lists is one the app answers', async () => {
    const { res, doc } = await needsDocument();
    const operations = documentedOperations(doc);
    res.expect(operations.length > 0, 'the document to list operations under "paths", such as "get" under "/api/v1/orders"; it lists none');
    for (const { method, template } of operations) {
      const reply = await probe(method, template);
      reply.expect(
        answered(reply),
        `the app to answer ${label(method, template)}, since the document lists it; it answered ${reply.status}, so the app has no such route. Remove it from the document, or check its path (the full path, /api/v1 included)`,
      );
    }
  });

  test('every operation the app answers on /api/v1/orders and /api/v1/orders/{id} is in the document', async () => {
    const { doc } = await needsDocument();
    for (const template of PATHS) {
      for (const method of METHODS) {
        const reply = await probe(method, template);
        if (!answered(reply)) continue;
        reply.expect(
          findOperation(doc, method, template) !== undefined,
          `the document to list ${label(method, template)}: the app answers it (${reply.status}). Documented: ${documentedOperations(doc).map((op) => label(op.method, op.template)).join(', ') || 'nothing'}`,
        );
      }
    }
  });

  test('each operation on /api/v1/orders/{id} declares its path parameter: in "path", required', async () => {
    const { res, doc } = await needsDocument();
    for (const { method, template, pathItem, operation } of documentedOperations(doc)) {
      const names = [...template.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]);
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolve(doc, parameter));
      for (const name of names) {
        const declared = parameters.find((parameter) => parameter?.name === name && parameter?.in === 'path');
        res.expect(
          declared !== undefined && declared.required === true,
          `${label(method, template)} to declare its path parameter: { "name": "${name}", "in": "path", "required": true, "schema": { "type": "integer" } }, in the operation's or the path's "parameters"; ${declared ? 'it is not marked "required": true' : 'there is none'}`,
        );
      }
    }
  });
});

/** The documented operation and its path item, or "this needs task 2 first". */
function needsOperation(res, doc, method, template) {
  const found = findOperation(doc, method, template);
  res.needsTask(2, found !== undefined, `the document should list ${label(method, template)}`);
  return { operation: found.operation, pathItem: found.pathItem };
}

/**
 * Checks that the fields the schema lists as required are the ones the app requires: each field is
 * left out of a valid body in turn, and the app's 400 or 2xx says whether it is required.
 */
async function expectRequiredFieldsMatch(res, doc, method, template, valid) {
  const { operation } = needsOperation(res, doc, method, template);
  const schema = bodySchema(doc, operation);
  res.expect(schema !== undefined, `${label(method, template)} to have a requestBody with an "application/json" schema; it has ${JSON.stringify(operation.requestBody) ?? 'none'}`);
  const required = Array.isArray(schema.required) ? schema.required : [];
  const fields = [...new Set([...Object.keys(schema.properties ?? {}), ...Object.keys(valid)])];
  for (const field of fields) {
    const { [field]: _left, ...rest } = valid;
    const path = template.includes('{') ? template.replace(/\{[^}]*\}/g, String(await freshOrder())) : template;
    const reply = await request(method.toUpperCase(), path, { body: rest });
    const requiredByApp = reply.status === 400;
    if (required.includes(field)) {
      reply.expect(requiredByApp, `"${field}" to be really required, since the document lists it under "required"; the app accepts a body without it (${reply.status})`);
    } else {
      reply.expect(!requiredByApp, `the document to list "${field}" under "required" for ${label(method, template)}: the app refuses a body without it (400)`);
    }
  }
}

describe('3. Document what each operation takes', () => {
  test('GET /api/v1/orders documents its query parameters, status and limit, neither required', async () => {
    const { res, doc } = await needsDocument();
    const { operation, pathItem } = needsOperation(res, doc, 'get', '/api/v1/orders');
    const query = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
      .map((parameter) => resolve(doc, parameter))
      .filter((parameter) => parameter?.in === 'query');
    for (const name of ['status', 'limit']) {
      const parameter = query.find((candidate) => candidate.name === name);
      res.expect(parameter !== undefined, `GET /api/v1/orders to document the query parameter "${name}" ({ "name": "${name}", "in": "query", … }); it documents ${query.map((p) => `"${p.name}"`).join(', ') || 'none'}`);
      res.expect(parameter.required !== true, `the query parameter "${name}" not to be required: GET /api/v1/orders answers without it`);
    }
  });

  test('POST /api/v1/orders documents a required JSON body with dish (string), quantity (integer) and note (string)', async () => {
    const { res, doc } = await needsDocument();
    const { operation } = needsOperation(res, doc, 'post', '/api/v1/orders');
    const requestBody = resolve(doc, operation.requestBody);
    res.expect(requestBody?.required === true, `the requestBody of POST /api/v1/orders to say "required": true, since the app refuses an order without a body; got ${JSON.stringify(requestBody?.required) ?? 'no requestBody'}`);
    const schema = bodySchema(doc, operation);
    res.expect(schema !== undefined, 'the requestBody to have content "application/json" with a schema');
    for (const [field, type] of [['dish', 'string'], ['quantity', 'integer'], ['note', 'string']]) {
      const property = resolve(doc, schema.properties?.[field]);
      res.expect(hasType(property, type), `the body's schema to have a property "${field}" of type "${type}"; got ${JSON.stringify(property) ?? 'none'}`);
    }
  });

  test('the fields the POST body lists as required are exactly the ones the app requires', async () => {
    const { res, doc } = await needsDocument();
    await expectRequiredFieldsMatch(res, doc, 'post', '/api/v1/orders', GOOD_ORDER);
  });

  test('PATCH /api/v1/orders/{id} documents a required JSON body whose status is one of received, cooking and served', async () => {
    const { res, doc } = await needsDocument();
    const { operation } = needsOperation(res, doc, 'patch', '/api/v1/orders/{id}');
    const requestBody = resolve(doc, operation.requestBody);
    res.expect(requestBody?.required === true, `the requestBody of PATCH /api/v1/orders/{id} to say "required": true; got ${JSON.stringify(requestBody?.required) ?? 'no requestBody'}`);
    const status = resolve(doc, bodySchema(doc, operation)?.properties?.status);
    const values = Array.isArray(status?.enum) ? [...status.enum].sort() : undefined;
    res.expect(
      hasType(status, 'string') && JSON.stringify(values) === JSON.stringify(['cooking', 'received', 'served']),
      `the body's schema to have a property "status" of type "string" with "enum": ["received", "cooking", "served"]; got ${JSON.stringify(status) ?? 'none'}`,
    );
    await expectRequiredFieldsMatch(res, doc, 'patch', '/api/v1/orders/{id}', GOOD_CHANGE);
  });
});

/**
 * Sends each request of an operation, checks that the app still answers it as the table says, and
 * that the document lists every status the app answered, with a description and the media type the
 * app answered it in.
 */
async function expectAnswersDocumented(method, template, requests) {
  const { res, doc } = await needsDocument();
  const { operation } = needsOperation(res, doc, method, template);
  for (const [path, options, status, what] of requests) {
    const reply = await request(method.toUpperCase(), typeof path === 'function' ? await path() : path, options);
    reply.expect(
      reply.status === status,
      `status ${status} ${what}, as the table in the instructions says; got ${reply.status}. Document the app as it is: don't change how it answers`,
    );
    const found = documentedResponse(doc, operation, reply.status);
    reply.expect(
      found !== undefined,
      `the "responses" of ${label(method, template)} to list ${reply.status}, which the app answers ${what}; they list ${Object.keys(operation.responses ?? {}).join(', ') || 'nothing'}`,
    );
    reply.expect(
      typeof found.response?.description === 'string' && found.response.description.trim() !== '',
      `the ${found.key} response of ${label(method, template)} to have a "description", which OpenAPI requires of every response; got ${JSON.stringify(found.response?.description) ?? 'none'}`,
    );
    if (reply.status === 204) continue;
    const type = mediaType(reply);
    const content = found.response?.content ?? {};
    reply.expect(
      Object.hasOwn(content, type),
      `the ${found.key} response of ${label(method, template)} to have "content" with "${type}", the media type the app answers it in; it has ${Object.keys(content).map((name) => `"${name}"`).join(', ') || 'no content'}`,
    );
  }
}

describe('4. Document every answer', () => {
  test('GET /api/v1/orders documents its 200 (application/json) and its 400 (application/problem+json)', async () => {
    await expectAnswersDocumented('get', '/api/v1/orders', [
      ['/api/v1/orders', {}, 200, 'to a plain list'],
      ['/api/v1/orders?status=cooking&limit=5', {}, 200, 'to a list filtered by status, with a limit'],
      ['/api/v1/orders?status=received', {}, 200, 'to the orders that are received'],
      ['/api/v1/orders?status=served', {}, 200, 'to the orders that are served'],
      ['/api/v1/orders?status=eaten', {}, 400, 'to an unknown status'],
      ['/api/v1/orders?limit=0', {}, 400, 'to a limit of 0'],
    ]);
  });

  test('POST /api/v1/orders documents its 201 and its 400', async () => {
    await expectAnswersDocumented('post', '/api/v1/orders', [
      ['/api/v1/orders', { body: GOOD_ORDER }, 201, 'to a good order'],
      ['/api/v1/orders', { body: { dish: '' } }, 400, 'to a bad order'],
      ['/api/v1/orders', { body: '{"dish": "Soup",', headers: { 'content-type': 'application/json' } }, 400, 'to a body that is not valid JSON'],
    ]);
  });

  test('GET /api/v1/orders/{id} documents its 200 and its 404', async () => {
    await expectAnswersDocumented('get', '/api/v1/orders/{id}', [
      [async () => `/api/v1/orders/${await freshOrder()}`, {}, 200, 'for an order that exists'],
      ['/api/v1/orders/999999', {}, 404, 'for an order that does not'],
    ]);
  });

  test('PATCH /api/v1/orders/{id} documents its 200, its 400 and its 404', async () => {
    await expectAnswersDocumented('patch', '/api/v1/orders/{id}', [
      [async () => `/api/v1/orders/${await freshOrder()}`, { body: GOOD_CHANGE }, 200, 'to a good change'],
      [async () => `/api/v1/orders/${await freshOrder()}`, { body: { status: 'eaten' } }, 400, 'to a bad change'],
      ['/api/v1/orders/999999', { body: GOOD_CHANGE }, 404, 'for an order that does not exist'],
    ]);
  });

  test('DELETE /api/v1/orders/{id} documents its 204, its 404 and its 409', async () => {
    await expectAnswersDocumented('delete', '/api/v1/orders/{id}', [
      [async () => `/api/v1/orders/${await freshOrder()}`, {}, 204, 'for an order that is only received'],
      ['/api/v1/orders/999999', {}, 404, 'for an order that does not exist'],
      [async () => `/api/v1/orders/${await freshOrder('cooking')}`, {}, 409, 'for an order that is cooking'],
    ]);
  });
});
