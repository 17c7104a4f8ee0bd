// Who is signed in. The token arrives in the URL fragment of a sign-in link (#token=..., never sent to the server
// or logged) or from the OIDC provider (Authorization Code with PKCE); it is kept in sessionStorage only. The page
// reads the token's claims to choose what to show; the services verify it and decide every request.
const KEY = 'norrort.session';
let expiryTimer = null;
let listeners = [];

export function onSignOut(listener) { listeners.push(listener); }

function decode(token) {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, c => c.charCodeAt(0))));
}

/** The current session {token, claims} or null when nobody is signed in or the token has expired. */
export function session() {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw);
    if (!stored.claims.exp || stored.claims.exp * 1000 <= Date.now()) {
      sessionStorage.removeItem(KEY);
      sessionStorage.setItem('norrort.signedOut', 'expired');
      return null;
    }
    return stored;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

/** Keeps the access token and its claims; for OIDC also the refresh and ID tokens (for refreshing and sign-out). */
function store(token, oidc = null) {
  const claims = decode(token);
  sessionStorage.setItem(KEY, JSON.stringify({ token, claims, ...(oidc ? { oidc } : {}) }));
  sessionStorage.removeItem('norrort.signedOut');
}

/** Takes a token from #token=... into the session and removes it from the address bar and history. */
export function takeTokenFromFragment() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return false;
  try { store(decodeURIComponent(match[1])); } catch { sessionStorage.setItem('norrort.signedOut', 'invalid'); }
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}

/**
 * Signs out after the token's expiry, so an idle page returns to the sign-in page rather than breaking. A token from
 * the OIDC provider is refreshed first, a minute before it expires (or halfway, for a short-lived one); if the
 * refresh fails (the provider's session ended or timed out), the page returns to the sign-in page.
 */
export function watchExpiry() {
  clearTimeout(expiryTimer);
  const s = session();
  if (!s) return;
  const ms = s.claims.exp * 1000 - Date.now();
  const bounded = value => Math.min(Math.max(value, 0), 2 ** 31 - 1);
  if (s.oidc?.refreshToken) {
    const lifetime = (s.claims.exp - (s.claims.iat || s.claims.exp - 60)) * 1000;
    const early = Math.min(60000, lifetime / 2);
    expiryTimer = setTimeout(() => refresh().then(ok => ok ? watchExpiry() : signOut('expired')), bounded(ms - early));
  } else {
    expiryTimer = setTimeout(() => signOut('expired'), bounded(ms));
  }
}

/** Exchanges the refresh token for new tokens at the provider; false when it refuses (or cannot be reached). */
async function refresh() {
  const s = session();
  if (!s?.oidc?.refreshToken) return false;
  try {
    const meta = await discovery(s.oidc.issuer);
    const response = await fetch(meta.token_endpoint, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: s.oidc.refreshToken, client_id: s.oidc.clientId }) });
    if (!response.ok) return false;
    const answer = await response.json();
    if (!session()) return false; // signed out meanwhile
    store(answer.access_token, { ...s.oidc, refreshToken: answer.refresh_token || s.oidc.refreshToken,
      idToken: answer.id_token || s.oidc.idToken });
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends the session in the page; after an OIDC sign-in asked for by the person ('signedOut'), also at the provider:
 * the browser goes to its end_session_endpoint with the ID token as hint and comes back to this origin, so the next
 * sign-in asks for the password again.
 */
export function signOut(reason = 'signedOut') {
  clearTimeout(expiryTimer);
  const raw = sessionStorage.getItem(KEY);
  const wasSignedIn = raw !== null;
  let oidc = null;
  try { oidc = raw ? JSON.parse(raw).oidc : null; } catch { /* nothing to end at the provider */ }
  sessionStorage.removeItem(KEY);
  sessionStorage.setItem('norrort.signedOut', reason);
  if (oidc?.endSession && reason === 'signedOut') {
    const url = new URL(oidc.endSession);
    url.search = new URLSearchParams({ client_id: oidc.clientId, post_logout_redirect_uri: `${location.origin}/`,
      ...(oidc.idToken ? { id_token_hint: oidc.idToken } : {}) }).toString();
    location.assign(url.toString());
    return;
  }
  if (wasSignedIn || reason !== 'expired') listeners.forEach(l => l(reason));
}

/** Why the sign-in page is shown: 'expired', 'signedOut', 'invalid' or null. */
export function signedOutReason() { return sessionStorage.getItem('norrort.signedOut'); }

// --- OIDC: Authorization Code with PKCE (public client, no secret) ---

function randomString(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error('discovery failed');
  return response.json();
}

export async function startOidcSignIn(config) {
  const meta = await discovery(config.oidcIssuer);
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem('norrort.pkce', JSON.stringify({ verifier, state }));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({ client_id: config.oidcClientId, response_type: 'code', scope: 'openid',
    redirect_uri: `${location.origin}/`, state, code_challenge: challenge, code_challenge_method: 'S256',
    response_mode: 'fragment' }).toString();
  location.assign(url.toString());
}

/** On return from the provider (#code=...&state=...), exchanges the code for a token with the PKCE verifier. */
export async function completeOidcSignIn(config) {
  const params = new URLSearchParams(location.hash.slice(1));
  if (!params.has('code') && !params.has('error')) return false;
  history.replaceState(null, '', location.pathname);
  const pending = JSON.parse(sessionStorage.getItem('norrort.pkce') || 'null');
  sessionStorage.removeItem('norrort.pkce');
  if (!pending || params.get('state') !== pending.state || !params.has('code')) {
    sessionStorage.setItem('norrort.signedOut', 'invalid');
    return true;
  }
  const meta = await discovery(config.oidcIssuer);
  const response = await fetch(meta.token_endpoint, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'),
      redirect_uri: `${location.origin}/`, client_id: config.oidcClientId, code_verifier: pending.verifier }) });
  if (!response.ok) { sessionStorage.setItem('norrort.signedOut', 'invalid'); return true; }
  const answer = await response.json();
  store(answer.access_token, { issuer: config.oidcIssuer, clientId: config.oidcClientId, refreshToken: answer.refresh_token || null,
    idToken: answer.id_token || null, endSession: meta.end_session_endpoint || null });
  return true;
}
