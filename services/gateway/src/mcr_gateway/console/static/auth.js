// Who is signed in. The gateway's /console/config.json says how:
// - "token" (development): a bearer token from `mcr token`, pasted once;
// - "oidc" (production): the region's OpenID Connect provider, through the authorisation-code
//   flow with PKCE (RFC 7636): the console is a public client, so a one-time verifier, kept in
//   sessionStorage for the round trip, proves to the token endpoint that the code is ours.
// Either way the access token is kept in the tab's sessionStorage (gone when the tab closes) and
// the rest of the console only calls token().

const KEY = "mcr.token";
const PENDING = "mcr.oidc.pending";

let config = null;

/** How this installation signs in: {mode: "token"}, or {mode: "oidc", issuer, client_id, scope,
 * claims}. */
export async function authConfig() {
  if (!config) {
    const response = await fetch("/console/config.json");
    config = response.ok ? (await response.json()).auth : { mode: "token" };
  }
  return config;
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

// Where the principal's fields are in the token: the development token's names, or the
// provider's as config.json maps them (a dotted path, or "=value" for a constant).
const DEFAULT_CLAIMS = { employee_id: "sub", region: "region", org_unit: "org_unit" };

function claim(claims, path) {
  if (path.startsWith("=")) return path.slice(1);
  return path.split(".").reduce((value, part) => (value == null ? undefined : value[part]), claims);
}

/** The token's claims, for display only: the gateway verifies the signature on every call. */
export function principal() {
  const value = token();
  if (!value) return null;
  try {
    const payload = value.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, "=")));
    const names = { ...DEFAULT_CLAIMS, ...(config?.claims || {}) };
    return {
      employee: claim(claims, names.employee_id),
      region: claim(claims, names.region) || "",
      orgUnit: claim(claims, names.org_unit) || "",
      expires: claims.exp,
    };
  } catch {
    return null;
  }
}

// --- OpenID Connect: authorisation code with PKCE ---------------------------------------------

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discovery(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`identity provider: HTTP ${response.status}`);
  return response.json();
}

function redirectUri() {
  return `${location.origin}/console/`;
}

/** Leave for the provider's sign-in page; it comes back to /console/?code=...&state=... */
export async function signInWithProvider() {
  const auth = await authConfig();
  const provider = await discovery(auth.issuer);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)),
  );
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: auth.client_id,
    redirect_uri: redirectUri(),
    scope: auth.scope || "openid",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  location.assign(`${provider.authorization_endpoint}?${query}`);
}

/** On the way back from the provider: trade the code for the access token. Does nothing on an
 * ordinary page load; throws with the provider's reason when the sign-in failed. */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has("code") && !params.has("error")) return;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, "", `/console/${pending?.hash || ""}`); // no code left in the URL
  if (params.has("error")) throw new Error(params.get("error_description") || params.get("error"));
  if (!pending || params.get("state") !== pending.state) throw new Error("sign-in state mismatch");
  const auth = await authConfig();
  const provider = await discovery(auth.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: redirectUri(),
      client_id: auth.client_id,
      code_verifier: pending.verifier,
    }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || !answer.access_token) {
    throw new Error(answer.error_description || answer.error || `HTTP ${response.status}`);
  }
  signIn(answer.access_token);
}
