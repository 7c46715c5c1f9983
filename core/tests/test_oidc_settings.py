"""The OpenID Connect settings and claim mapping (the provider itself is exercised end to end
in tests/test_oidc.py against a real provider process)."""

from __future__ import annotations

import pytest
from mcr_core.auth import Principal
from mcr_core.auth.oidc import ClaimMapping, OidcVerifier
from mcr_core.auth.tokens import verifier_for
from mcr_core.config import ServiceSettings
from mcr_core.errors import Unauthenticated
from pydantic import ValidationError

ISSUER = "https://login.example.com/realms/cn-south"


def test_claims_are_mapped_by_configuration_with_nested_paths_and_constants():
    mapping = ClaimMapping.merged({"region": "=cn-south", "roles": "realm_access.roles"})
    claims = {"sub": "e-1", "org_unit": "/cn-south/x", "realm_access": {"roles": ["qa"]}}
    assert mapping.principal(claims) == Principal(
        "e-1", "cn-south", "/cn-south/x", frozenset({"qa"})
    )
    spaced = ClaimMapping.merged({"roles": "scope"}).principal(
        {"sub": "e-1", "region": "r", "org_unit": "/r", "scope": "qa hr"}
    )
    assert spaced.roles == frozenset({"qa", "hr"})
    with pytest.raises(Unauthenticated, match="org_unit"):
        mapping.principal({"sub": "e-1"})
    with pytest.raises(Unauthenticated, match=r"realm_access\.roles"):
        mapping.principal({"sub": "e-1", "org_unit": "/x", "realm_access": {"roles": [1]}})


def test_an_issuer_chooses_the_oidc_verifier(tmp_path):
    settings = ServiceSettings(
        oidc_issuer=ISSUER, oidc_audience="mcr-api", environment="production", data_dir=tmp_path
    )
    assert isinstance(verifier_for(settings), OidcVerifier)


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"oidc_issuer": ISSUER}, "oidc_audience"),
        ({"oidc_issuer": ISSUER, "oidc_audience": "a", "oidc_algorithms": ["none"]}, "none"),
        ({"oidc_issuer": ISSUER, "oidc_audience": "a", "oidc_algorithms": ["HS256"]}, "HS256"),
        ({"oidc_issuer": "http://login.example.com", "oidc_audience": "a"}, "https"),
        ({"oidc_issuer": ISSUER, "oidc_audience": "a", "oidc_claims": {"team": "t"}}, "team"),
        ({"environment": "production"}, "MCR_OIDC_ISSUER"),
    ],
)
def test_unsafe_or_incomplete_settings_are_refused(values, named, tmp_path):
    with pytest.raises(ValidationError, match=named):
        ServiceSettings(data_dir=tmp_path, **values)
