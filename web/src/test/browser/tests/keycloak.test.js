// OIDC sign-in in the browser: Authorization Code with PKCE against a real Keycloak (the realm of deploy/keycloak,
// public client norrort-web), then the page reads the person's view with the provider's token. Runs when
// KEYCLOAK_ISSUER names the realm and WEB_URL a stack started in OIDC mode (web/src/test/browser/run.sh does both
// when KEYCLOAK_HOME is set); skipped otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, axe, shot } from './support.js';

const issuer = process.env.KEYCLOAK_ISSUER;
const base = process.env.OIDC_WEB_URL;

test('Danderyd\'s officer signs in through Keycloak with PKCE, sees the municipality\'s page, is refreshed before expiry, and signs out of Keycloak', { skip: !issuer || !base }, async () => {
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const tokenRequests = [];
    const streams = [];
    page.on('response', r => { if (r.url().includes('/api/municipalities/0162/stream')) streams.push(r.status()); });
    page.on('request', r => { if (r.url().includes('/protocol/openid-connect/token')) tokenRequests.push(r.postData() || ''); });
    await page.goto(base);
    await page.locator('#oidc-sign-in').click();
    await page.waitForURL(url => url.toString().startsWith(issuer), { timeout: 30000 });
    assert.match(page.url(), /code_challenge_method=S256/);
    await page.locator('#username').fill('danderyd.officer');
    await page.locator('#password').fill('demo-only-change-me');
    await page.locator('#kc-login').click();
    // the stack has no data yet: the heading names the municipality by its code until its view exists
    await page.getByRole('heading', { level: 1, name: /^(0162|Danderyd) – ansökningar$/ }).waitFor({ timeout: 30000 });
    await page.getByText('Uppdateras direkt.').waitFor();
    assert.ok(streams.length > 0 && streams.every(status => status === 200), `the query-service accepted the provider's token: ${streams}`);
    assert.equal(new URL(page.url()).hash, '', 'no code left in the address bar');
    assert.equal(tokenRequests.length, 1);
    assert.match(tokenRequests[0], /grant_type=authorization_code/);
    assert.match(tokenRequests[0], /code_verifier=/);
    const claims = await page.evaluate(() => JSON.parse(sessionStorage.getItem('norrort.session')).claims);
    assert.equal(claims.iss, issuer);
    assert.equal(claims.municipality, '0162');
    await axe(page, 'the municipality page after OIDC sign-in');
    await shot(page, 'oidc-danderyd');

    // run.sh gives this realm 60 s access tokens: the page refreshes the token halfway, before it expires, and
    // the page goes on working with the new one
    const before = await page.evaluate(() => JSON.parse(sessionStorage.getItem('norrort.session')));
    assert.ok(before.oidc?.refreshToken && before.oidc?.idToken, 'the refresh and ID tokens are kept for refreshing and sign-out');
    const lifetime = before.claims.exp - before.claims.iat;
    assert.ok(lifetime <= 120, `a short-lived token for this test (${lifetime} s)`);
    await page.waitForRequest(r => r.url().includes('/protocol/openid-connect/token') && /grant_type=refresh_token/.test(r.postData() || ''),
      { timeout: (lifetime + 10) * 1000 });
    await page.waitForFunction(old => JSON.parse(sessionStorage.getItem('norrort.session') || 'null')?.token !== old, before.token);
    const after = await page.evaluate(() => JSON.parse(sessionStorage.getItem('norrort.session')));
    assert.ok(after.claims.exp > before.claims.exp, 'a new token with a later expiry');
    const status = await page.evaluate(async () => (await fetch('/api/municipalities/0162', { headers: {
      Authorization: `Bearer ${JSON.parse(sessionStorage.getItem('norrort.session')).token}`, Accept: 'application/json' } })).status);
    assert.ok(status === 200 || status === 404, `the services accept the refreshed token (${status})`);
    assert.ok(await page.locator('#sign-out').isVisible(), 'still signed in');

    // sign-out ends the Keycloak session too: the next sign-in asks for the password again
    await page.locator('#sign-out').click();
    await page.locator('#oidc-sign-in').waitFor({ timeout: 30000 });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('norrort.session')), null);
    await page.locator('#oidc-sign-in').click();
    await page.waitForURL(url => url.toString().startsWith(issuer), { timeout: 30000 });
    await page.locator('#username').waitFor({ timeout: 30000 });
  } finally {
    await browser.close();
  }
});
