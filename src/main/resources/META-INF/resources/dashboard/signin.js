// Signing in through the lab's OpenID provider (Keycloak, Entra ID, ...) as a public client: the authorization code
// flow with PKCE (S256). The page holds no secret: the verifier proves to the token endpoint that the code comes back
// to the browser that asked for it, and state and nonce tie the provider's answer to the sign-in this tab started.

// sessionStorage, not localStorage: the sign-in belongs to this tab, and its secrets end with it.
const FLOW_KEY = 'vigil.signin';
// What the provider may add to the address when it sends the browser back (RFC 6749, RFC 9207, Keycloak).
const RETURN_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri', 'session_state', 'iss'];

/** The provider's login as Vigil offers it ({name, authorization_url, token_url, client_id, scopes}), or null. */
export async function signInOptions() {
  try {
    const r = await fetch('/api/v1/auth/config', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    return r.ok ? (await r.json()).oidc || null : null;
  } catch {
    return null; // Vigil away: the page says so elsewhere, and the token paste still works
  }
}

/** PKCE's S256 needs WebCrypto, which browsers give only to https pages and localhost. */
export function canSignIn() {
  return !!(window.crypto && crypto.subtle);
}

/** Sends the browser to the provider; it comes back to this page with ?code=&state= (see finishSignIn). */
export async function beginSignIn(options) {
  const flow = {
    state: randomText(16),
    nonce: randomText(16),
    verifier: randomText(32), // 43 characters, the least RFC 7636 allows
    // The page itself, exactly as registered with the provider; the token request must repeat it.
    redirectUri: `${location.origin}${location.pathname}`,
    hash: location.hash, // e.g. #alerts: where the user was, restored after the return
  };
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(flow.verifier)));
  sessionStorage.setItem(FLOW_KEY, JSON.stringify(flow));
  const url = new URL(options.authorization_url);
  const params = {
    response_type: 'code', client_id: options.client_id, redirect_uri: flow.redirectUri, scope: options.scopes,
    state: flow.state, nonce: flow.nonce, code_challenge: challenge, code_challenge_method: 'S256',
  };
  Object.entries(params).forEach(([k, v]) => url.searchParams.set(k, v));
  location.assign(url.toString());
}

/**
 * Completes a sign-in when the provider has sent the browser back: checks the state, exchanges the code with the
 * verifier, checks the ID token's nonce. Resolves to {token}, to {error} (a sentence for the user), or to null when
 * this page load is no return from the provider. The provider's parameters leave the address bar in every case, so
 * a reload or a bookmark does not replay them.
 */
export async function finishSignIn(options) {
  const params = new URLSearchParams(location.search);
  if (!params.has('state') || !(params.has('code') || params.has('error'))) return null;
  const answer = Object.fromEntries(RETURN_PARAMS.map((p) => [p, params.get(p)]));
  const flow = takeFlow();
  RETURN_PARAMS.forEach((p) => params.delete(p));
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${flow ? flow.hash : location.hash}`);

  const name = options ? options.name : 'the identity provider';
  if (!flow || answer.state !== flow.state) {
    return {
      error: `Sign-in refused: the answer from ${name} does not belong to a sign-in started in this browser tab `
        + '(its state does not match). Nothing was stored; sign in again.',
    };
  }
  if (answer.error) return { error: `${name} did not sign you in: ${answer.error_description || answer.error}.` };
  if (!options) return { error: 'Vigil no longer offers sign-in with an identity provider: paste an access token.' };
  return exchange(options, flow, answer.code);
}

/** Trades the code for tokens at the provider's token endpoint, proving with the verifier that this page asked. */
async function exchange(options, flow, code) {
  const name = options.name;
  let response;
  try {
    // A form body and no custom header: a simple request, which needs no CORS preflight, only the answer's
    // Access-Control-Allow-Origin (Keycloak sends it for the client's web origins, Entra ID for SPA redirect URIs).
    response = await fetch(options.token_url, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code', code, redirect_uri: flow.redirectUri, client_id: options.client_id,
        code_verifier: flow.verifier,
      }),
    });
  } catch (e) {
    return {
      error: `${name}'s token endpoint cannot be reached from this page (${e.message}); it must allow Vigil's `
        + `address (${location.origin}) as a web origin.`,
    };
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    const why = body.error_description || body.error;
    return { error: `${name} handed out no token (${response.status}${why ? `: ${why}` : ''}). Sign in again.` };
  }
  // The ID token came straight from the token endpoint over the connection the page opened, so its signature need
  // not be checked here (OpenID Connect Core 3.1.3.7); its nonce says it was issued for this sign-in.
  const id = jwtClaims(body.id_token);
  if (!id || id.nonce !== flow.nonce) {
    return {
      error: `Sign-in refused: ${name}'s ID token ${id ? 'was issued for another sign-in (its nonce does not match)'
        : 'is missing (the scopes must include openid)'}. Nothing was stored; sign in again.`,
    };
  }
  return { token: body.access_token };
}

/** The sign-in this tab started, removed as it is read: an answer is accepted once. */
function takeFlow() {
  try {
    const flow = JSON.parse(sessionStorage.getItem(FLOW_KEY));
    sessionStorage.removeItem(FLOW_KEY);
    return flow;
  } catch {
    return null;
  }
}

/** The claims of a JWT, not verified (Vigil verifies every token it is sent), or null when it is not one. */
export function jwtClaims(jwt) {
  const parts = typeof jwt === 'string' ? jwt.split('.') : [];
  if (parts.length !== 3) return null;
  try {
    const binary = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

function randomText(bytes) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
