import { describe, test } from 'vitest';
import { request } from '../grading/http.js';
import { ANA, cacheControl, changePrice, getMenu, isEntityTag, isHttpDate, latestChange, needsEtag, shown } from './caching.js';

/** Checks `public, max-age=300` on a menu answer, naming what is missing or too much. */
function expectPublicFiveMinutes(res) {
  res.expectStatus(200);
  const cc = cacheControl(res);
  const forbidden = ['no-store', 'no-cache', 'private'].filter((name) => cc.has(name));
  res.expect(
    cc.has('public') && cc.get('max-age') === '300' && forbidden.length === 0,
    `Cache-Control: public, max-age=300, so any cache may keep the menu for 300 seconds (five minutes); got ${shown(res, 'Cache-Control')}` +
      (forbidden.length > 0 ? `. ${forbidden.join(' and ')} would stop caches from reusing it` : ''),
  );
}

describe('1. Let any cache keep the menu for five minutes', () => {
  test('GET /menu answers Cache-Control: public, max-age=300', async () => {
    expectPublicFiveMinutes(await getMenu());
  });

  test('the French menu (Accept-Language: fr) has the same Cache-Control', async () => {
    expectPublicFiveMinutes(await getMenu({ language: 'fr' }));
  });
});

describe('2. Keep the account page out of every cache', () => {
  test("GET /account with Ana's token answers Cache-Control: no-store", async () => {
    const res = await request('GET', '/account', { headers: ANA });
    res.expectStatus(200);
    const cc = cacheControl(res);
    res.expect(
      cc.has('no-store'),
      `Cache-Control with no-store, so no cache, shared or in the browser, keeps a copy of Ana's address; got ${shown(res, 'Cache-Control')}` +
        (cc.has('no-cache')
          ? '. no-cache still lets a cache store the page: it only has to ask your app before reusing it'
          : ''),
    );
  });

  test('the account page is never marked public, nor given a shared-cache lifetime (s-maxage)', async () => {
    const res = await request('GET', '/account', { headers: ANA });
    res.expectStatus(200);
    const cc = cacheControl(res);
    res.expect(
      !cc.has('public') && !cc.has('s-maxage'),
      `no public and no s-maxage on a page with one guest's details: they let a shared cache (a CDN, a company proxy) keep Ana's address and hand it to the next person who asks; got ${shown(res, 'Cache-Control')}`,
    );
  });
});

describe('3. Tag the menu with an ETag and answer 304', () => {
  test('GET /menu has an ETag, a quoted string, and the same one again while the menu has not changed', async () => {
    const first = await getMenu();
    first.expectStatus(200);
    first.expect(
      isEntityTag(first.headers.etag),
      `an ETag header: a quoted string such as "3f9a2c", or W/"3f9a2c" for a weak one; got ${shown(first, 'ETag')}`,
    );
    const second = await getMenu();
    second.expect(
      second.headers.etag === first.headers.etag,
      `the same ETag for the same menu, ${first.headers.etag} as a moment ago; got ${shown(second, 'ETag')}`,
    );
  });

  test('the ETag changes when a price changes', async () => {
    const before = await getMenu();
    needsEtag(before, { ownTask: true });
    await changePrice();
    const after = await getMenu();
    after.expect(
      after.headers.etag !== before.headers.etag,
      `a new ETag once the price of dish 2 changed, since the menu's body changed; it is still ${before.headers.etag}. ` +
        'An ETag must change whenever the body does: make it from the body itself (a hash) or from every value in it',
    );
  });

  test('the French menu has another ETag than the English one', async () => {
    const english = await getMenu({ language: 'en' });
    needsEtag(english, { ownTask: true });
    const french = await getMenu({ language: 'fr' });
    french.expect(
      isEntityTag(french.headers.etag) && french.headers.etag !== english.headers.etag,
      `an ETag of its own for the French menu, whose body differs from the English one (${english.headers.etag}); got ${shown(french, 'ETag')}`,
    );
  });

  test('If-None-Match with the current ETag answers 304 with no body, and the same ETag', async () => {
    const fresh = await getMenu();
    needsEtag(fresh, { ownTask: true });
    const res = await getMenu({ headers: { 'if-none-match': fresh.headers.etag } });
    res.expectStatus(304);
    res.expect(res.text === '', `no body with a 304; got ${res.text.length} characters`);
    res.expect(
      res.headers.etag === fresh.headers.etag,
      `the 304 to repeat the ETag, ${fresh.headers.etag}, as RFC 9110 asks; got ${shown(res, 'ETag')}`,
    );
  });

  test('If-None-Match with an ETag from before a price change answers 200 with the new menu', async () => {
    const old = await getMenu();
    needsEtag(old, { ownTask: true });
    await changePrice();
    const current = await getMenu();
    const res = await getMenu({ headers: { 'if-none-match': old.headers.etag } });
    res.expect(
      res.status === 200,
      `200 with the new menu: the client's copy (ETag ${old.headers.etag}) is from before the price change, so it is out of date; got ${res.status}. ` +
        'Answer 304 only when If-None-Match matches the current ETag',
    );
    res.expectJson(current.body);
  });
});

/** This check sends Last-Modified back in If-Modified-Since: it needs one first. */
function expectLastModified(res) {
  res.expectStatus(200);
  res.expect(isHttpDate(res.headers['last-modified']), `a Last-Modified header with an HTTP date, to send back in If-Modified-Since; got ${shown(res, 'Last-Modified')}`);
}

describe('4. Say when the menu last changed', () => {
  test('GET /menu has Last-Modified: the latest updated_at of the dishes, as an HTTP date', async () => {
    const res = await getMenu();
    res.expectStatus(200);
    const latest = await latestChange();
    const expected = new Date(latest).toUTCString();
    res.expect(
      isHttpDate(res.headers['last-modified']) && res.headers['last-modified'] === expected,
      `Last-Modified: ${expected}, the latest updated_at in the dishes table (${latest}) written as an HTTP date; got ${shown(res, 'Last-Modified')}` +
        (res.headers['last-modified'] && !isHttpDate(res.headers['last-modified'])
          ? '. An HTTP date looks like "Tue, 03 Nov 2026 17:45:12 GMT": new Date(…).toUTCString() writes one'
          : ''),
    );
  });

  test('after a price change, Last-Modified moves on to the time of that change', async () => {
    await changePrice();
    const latest = await latestChange();
    const expected = new Date(latest).toUTCString();
    const res = await getMenu();
    res.expectStatus(200);
    res.expect(
      res.headers['last-modified'] === expected,
      `Last-Modified: ${expected}, when the price of dish 2 just changed (its updated_at is ${latest}); got ${shown(res, 'Last-Modified')}`,
    );
  });

  test('If-Modified-Since equal to Last-Modified answers 304 with no body', async () => {
    const fresh = await getMenu();
    expectLastModified(fresh);
    const res = await getMenu({ headers: { 'if-modified-since': fresh.headers['last-modified'] } });
    res.expect(
      res.status === 304,
      `304: the menu has not changed since ${fresh.headers['last-modified']}; got ${res.status}. ` +
        'An HTTP date has whole seconds: compare with the latest change rounded down to the second, and answer 304 when it is not later',
    );
    res.expect(res.text === '', `no body with a 304; got ${res.text.length} characters`);
  });

  test('If-Modified-Since an hour after Last-Modified answers 304 too', async () => {
    const fresh = await getMenu();
    expectLastModified(fresh);
    const later = new Date(Date.parse(fresh.headers['last-modified']) + 3600_000).toUTCString();
    const res = await getMenu({ headers: { 'if-modified-since': later } });
    res.expect(
      res.status === 304,
      `304: the menu last changed at ${fresh.headers['last-modified']}, before ${later}; got ${res.status}. ` +
        'Answer 304 when the latest change is not later than the date the client sent, not only when the two are equal',
    );
  });

  test('If-Modified-Since an hour before Last-Modified answers 200 with the menu', async () => {
    const fresh = await getMenu();
    expectLastModified(fresh);
    const earlier = new Date(Date.parse(fresh.headers['last-modified']) - 3600_000).toUTCString();
    const res = await getMenu({ headers: { 'if-modified-since': earlier } });
    res.expect(res.status === 200, `200 with the menu: it changed after ${earlier}; got ${res.status}`);
    res.expectJson(fresh.body);
  });

  test('with both, If-None-Match decides: an unknown ETag and a current If-Modified-Since answer 200', async () => {
    const fresh = await getMenu();
    expectLastModified(fresh);
    needsEtag(fresh);
    const headers = { 'if-none-match': '"an-old-version"', 'if-modified-since': fresh.headers['last-modified'] };
    const res = await getMenu({ headers });
    res.expect(
      res.status === 200,
      `200 with the menu; got ${res.status}. The ETag "an-old-version" does not match, and when a request has If-None-Match, ` +
        'RFC 9110 says to ignore If-Modified-Since: the ETag is the more precise of the two',
    );
  });
});

describe('5. Vary the menu by language', () => {
  test('GET /menu answers Vary: Accept-Language', async () => {
    const res = await getMenu();
    res.expectStatus(200);
    const listed = (res.headers.vary ?? '').split(',').map((name) => name.trim().toLowerCase());
    res.expect(
      listed.includes('accept-language'),
      `a Vary header that lists Accept-Language, so a shared cache keeps the English and the French menu apart; got ${shown(res, 'Vary')}` +
        (listed.includes('*') ? '. Vary: * means no cache may reuse the answer at all' : ''),
    );
  });

  test('the French menu answers Vary: Accept-Language too', async () => {
    const res = await getMenu({ language: 'fr' });
    res.expectStatus(200);
    const listed = (res.headers.vary ?? '').split(',').map((name) => name.trim().toLowerCase());
    res.expect(listed.includes('accept-language'), `a Vary header that lists Accept-Language; got ${shown(res, 'Vary')}`);
  });
});
