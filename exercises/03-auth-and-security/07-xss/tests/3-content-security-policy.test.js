import { describe, test } from 'vitest';
import { request } from '../grading/http.js';

/**
 * The policies of a Content-Security-Policy header (several headers arrive joined by ", "), each a Map
 * from directive name to its sources, lower-case. The first of a repeated directive counts.
 */
function parsePolicies(header) {
  return header.split(',').map((policy) => {
    const directives = new Map();
    for (const part of policy.split(';')) {
      const [name, ...sources] = part.trim().toLowerCase().split(/\s+/);
      if (name && !directives.has(name)) directives.set(name, sources);
    }
    return directives;
  });
}

/** Which directive governs inline <script> elements and which inline onerror="…" attributes. */
function scriptDirectives(policy) {
  const pick = (...names) => names.find((name) => policy.has(name));
  return { element: pick('script-src-elem', 'script-src', 'default-src'), attribute: pick('script-src-attr', 'script-src', 'default-src') };
}

/** True when `policy` blocks inline <script> elements and inline event handlers alike. */
function blocksInline(policy) {
  const { element, attribute } = scriptDirectives(policy);
  return [element, attribute].every((name) => name !== undefined && !policy.get(name).includes("'unsafe-inline'"));
}

/** Fails with `expected …`, without the page's text (the policy is what matters here). */
function expectNoBody(res, condition, whatWasExpected) {
  if (!condition) res.fail(`expected ${whatWasExpected}`, { showBody: false });
}

async function reviewsPage() {
  const res = await request('GET', '/reviews');
  res.expectStatus(200);
  return res;
}

describe('3. Forbid inline scripts with a Content Security Policy', () => {
  test('GET /reviews sends a Content-Security-Policy header', async () => {
    const res = await reviewsPage();
    const reportOnly = res.headers['content-security-policy-report-only'];
    expectNoBody(
      res,
      res.headers['content-security-policy'] !== undefined,
      'a Content-Security-Policy header; the answer has none' +
        (reportOnly !== undefined
          ? `, only Content-Security-Policy-Report-Only: ${reportOnly}. A report-only policy tells the browser to report what it would block, and blocks nothing`
          : ''),
    );
  });

  test("its policy allows no inline script: script-src (or default-src) without 'unsafe-inline'", async () => {
    const res = await reviewsPage();
    const header = res.headers['content-security-policy'];
    expectNoBody(res, header !== undefined, 'a Content-Security-Policy header that forbids inline scripts; the answer has none');
    const policies = parsePolicies(header);
    if (policies.some(blocksInline)) return;
    const policy = policies[0];
    const { element, attribute } = scriptDirectives(policy);
    const open = [element, attribute].find((name) => name !== undefined && policy.get(name).includes("'unsafe-inline'"));
    expectNoBody(
      res,
      false,
      "a policy that forbids inline scripts; got Content-Security-Policy: " +
        `${header}. ` +
        (open
          ? `Its ${open} lists 'unsafe-inline', which lets every inline <script> and onerror="…" run, the injected ones too: leave it out.`
          : 'It has neither script-src nor default-src, so it allows every script: add script-src (helmet\'s default policy has one).'),
    );
  });
});
