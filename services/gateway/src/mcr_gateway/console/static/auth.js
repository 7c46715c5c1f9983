// Who is signed in. Development mode: a bearer token from `mcr token`, kept in sessionStorage
// (gone when the tab closes). An OIDC provider would fill the same slot from the authorisation-
// code flow (config.json names the mode); the rest of the console only calls token().

const KEY = "mcr.token";

export function token() {
  return sessionStorage.getItem(KEY);
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The token's claims, for display only: the gateway verifies the signature on every call. */
export function principal() {
  const value = token();
  if (!value) return null;
  try {
    const payload = value.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, "=")));
    return { employee: claims.sub, region: claims.region, orgUnit: claims.org_unit, expires: claims.exp };
  } catch {
    return null;
  }
}
