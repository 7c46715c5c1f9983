"""A real OpenID Connect provider for the tests: panva's `oidc-provider` (npm, installed into
`tests/oidc/` from its lock file by `scripts/oidc_provider.sh`, which `scripts/test.sh` runs),
run by `tests/oidc/provider.mjs` as a Node process on a free port of 127.0.0.1.

`OidcProvider.login(who)` signs in as a person would, through the provider's own login page
and the authorisation-code flow with PKCE, and returns the access token; `rotate()` restarts
the provider with a new signing key; `settings_env()` is what a service or the gateway needs
to verify the provider's tokens (MCR_OIDC_*).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from mcr_core.embedded_nats import free_port

HERE = Path(__file__).resolve().parent / "oidc"
AUDIENCE = "https://mcr.test/api"
OTHER_AUDIENCE = "https://other.test/api"
TEST_CLIENT = "mcr-tests"
TEST_REDIRECT = "http://127.0.0.1:9/callback"  # never visited: the code is read off the redirect
CONSOLE_CLIENT = "mcr-console"
# Where this provider puts the region and org unit unless told otherwise: names of its own,
# which the services map by configuration (and the roles nested, as Keycloak gives them).
CLAIM_NAMES = {"region": "mcr_region", "org_unit": "mcr_org_unit"}


def new_key() -> dict:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = RSAAlgorithm.to_jwk(key, as_dict=True)
    return jwk | {"kid": uuid.uuid4().hex[:12], "alg": "RS256", "use": "sig"}


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class OidcProvider:
    def __init__(
        self,
        directory: Path,
        accounts: dict[str, dict],
        *,
        console_redirects: tuple[str, ...] = (),
        audience: str = AUDIENCE,
        claim_names: dict[str, str] | None = None,
    ) -> None:
        node = shutil.which("node")
        if node is None or not (HERE / "node_modules" / "oidc-provider").exists():
            message = "the OIDC provider is not installed: scripts/oidc_provider.sh installs it"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        self.node = node
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.audience = audience
        self.accounts = accounts
        self.claim_names = CLAIM_NAMES if claim_names is None else claim_names
        self.keys = [new_key()]
        self.clients = [
            {
                "client_id": TEST_CLIENT,
                "token_endpoint_auth_method": "none",
                "redirect_uris": [TEST_REDIRECT],
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
            },
            {
                "client_id": CONSOLE_CLIENT,
                "token_endpoint_auth_method": "none",
                "redirect_uris": list(console_redirects) or ["http://127.0.0.1:9/console/"],
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
            },
        ]
        self.process: subprocess.Popen | None = None
        self.log = directory / "oidc-provider.log"
        self._tokens: dict[str, str] = {}

    def settings_env(self) -> dict[str, str]:
        return {
            "MCR_OIDC_ISSUER": self.issuer,
            "MCR_OIDC_AUDIENCE": self.audience,
            "MCR_OIDC_CLAIMS": json.dumps(self.claim_names | {"roles": "realm_access.roles"}),
            "MCR_OIDC_CLIENT_ID": CONSOLE_CLIENT,
            "MCR_OIDC_SCOPE": "openid",
            # Tests rotate keys at once; production waits 30 s between unknown-key refetches.
            "MCR_OIDC_JWKS_REFRESH_SECONDS": "0.2",
        }

    def start(self) -> OidcProvider:
        config = {
            "port": self.port,
            "issuer": self.issuer,
            "audience": self.audience,
            "other_audiences": [OTHER_AUDIENCE],
            "keys": self.keys,
            "clients": self.clients,
            "accounts": self.accounts,
            "claim_names": self.claim_names,
        }
        path = self.directory / "oidc-provider.json"
        path.write_text(json.dumps(config))
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [self.node, str(HERE / "provider.mjs"), str(path)],
                cwd=HERE,
                stdout=out,
                stderr=out,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text()[-2000:])
            try:
                found = httpx.get(f"{self.issuer}/.well-known/openid-configuration", timeout=2)
                if found.status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError("the OIDC provider did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def rotate(self) -> None:
        """A new signing key, the old one still published (as providers rotate)."""
        self.stop()
        self.keys = [new_key(), *self.keys]
        self._tokens.clear()
        self.start()

    @property
    def signing_kid(self) -> str:
        return self.keys[0]["kid"]

    def token(self, who: str) -> str:
        """A signed-in employee's access token (one sign-in per employee while it lasts)."""
        if who not in self._tokens:
            self._tokens[who] = self.login(who)
        return self._tokens[who]

    def login(self, who: str, *, resource: str | None = None) -> str:
        """Sign in through the provider's login page; the access token of the code flow."""
        verifier, challenge = _pkce()
        state = secrets.token_urlsafe(16)
        query = {
            "client_id": TEST_CLIENT,
            "response_type": "code",
            "redirect_uri": TEST_REDIRECT,
            "scope": "openid",
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        if resource:
            query["resource"] = resource
        with httpx.Client(base_url=self.issuer, timeout=10) as http:
            page = http.get("/auth", params=query)
            while page.is_redirect and not page.headers["location"].startswith(TEST_REDIRECT):
                page = http.get(urljoin(str(page.url), page.headers["location"]))
            form = re.search(r'<form[^>]*action="([^"]+)"', page.text)
            assert form, f"no login form at the provider: {page.status_code} {page.text[:300]}"
            page = http.post(
                urljoin(str(page.url), form.group(1)),
                data={"prompt": "login", "login": who, "password": "any"},
            )
            while page.is_redirect and not page.headers["location"].startswith(TEST_REDIRECT):
                page = http.get(urljoin(str(page.url), page.headers["location"]))
            assert page.is_redirect, f"signing in did not finish: {page.text[:300]}"
            answer = parse_qs(urlsplit(page.headers["location"]).query)
            assert answer.get("state") == [state], answer
            assert "code" in answer, answer
            form = {
                "grant_type": "authorization_code",
                "code": answer["code"][0],
                "redirect_uri": TEST_REDIRECT,
                "client_id": TEST_CLIENT,
                "code_verifier": verifier,
            }
            if resource:
                form["resource"] = resource
            tokens = http.post("/token", data=form)
            assert tokens.status_code == 200, tokens.text
            return tokens.json()["access_token"]
