// A real OpenID Connect provider for the platform's identity tests: panva's oidc-provider,
// configured from one JSON file the tests write (tests/oidc_kit.py), listening on 127.0.0.1.
//
//   node provider.mjs config.json
//
// config.json: { port, issuer, audience, other_audiences: [...], keys: [private JWKs, the first
// signs], clients: [client metadata], accounts: { id: { region, org_unit, roles } },
// claim_names: { region, org_unit } }.
//
// Access tokens are JWTs for the resource (`audience` by default, or one of `other_audiences`
// when the client asks for it with `resource=`), carrying the account's place as a provider
// would: the region and org unit under the claim names configured, and Keycloak-style
// `realm_access.roles` (nested claims, which MCR maps by configuration). Its own login page is oidc-provider's development
// interaction (any password); consent is implied for the configured first-party clients.
// Rotating keys is a restart with another `keys` list on the same port.

import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const resources = new Set([config.audience, ...(config.other_audiences || [])]);
const names = { region: "region", org_unit: "org_unit", ...(config.claim_names || {}) };

function placeOf(accountId) {
  return config.accounts[accountId] || null;
}

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: { keys: config.keys },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx, client, oneOf) => oneOf || config.audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource) => {
        if (!resources.has(resource)) throw new Provider.errors.InvalidTarget();
        return {
          scope: "mcr",
          audience: resource,
          accessTokenFormat: "jwt",
          accessTokenTTL: 3600,
          jwt: { sign: { alg: config.keys[0].alg || "RS256" } },
        };
      },
    },
  },
  async findAccount(ctx, id) {
    if (!placeOf(id)) return undefined; // an unknown login cannot sign in
    return { accountId: id, claims: async () => ({ sub: id }) };
  },
  async extraTokenClaims(ctx, token) {
    const place = placeOf(token.accountId);
    if (!place) return undefined;
    return {
      [names.region]: place.region,
      [names.org_unit]: place.org_unit,
      realm_access: { roles: place.roles || [] },
    };
  },
  // First-party clients: the employee consents by signing in (no consent page).
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope("openid profile");
    for (const resource of resources) grant.addResourceScope(resource, "mcr");
    await grant.save();
    return grant;
  },
  ttl: { AccessToken: 3600, AuthorizationCode: 300, Grant: 3600, Interaction: 600, Session: 3600 },
});
provider.proxy = false;

const server = provider.listen(config.port, "127.0.0.1", () => {
  console.log(`oidc-provider listening at ${config.issuer}`);
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
