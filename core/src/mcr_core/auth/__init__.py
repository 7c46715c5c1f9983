"""Authentication and visibility: who is calling, and what they may see."""

from mcr_core.auth.principal import Principal, current_principal, principal_scope
from mcr_core.auth.tokens import TokenVerifier, ensure_dev_keypair, mint_token, verifier_for
from mcr_core.auth.visibility import Record, RegionIsolation, Scope, Visibility, VisibilityPolicy

__all__ = [
    "Principal",
    "Record",
    "RegionIsolation",
    "Scope",
    "TokenVerifier",
    "Visibility",
    "VisibilityPolicy",
    "current_principal",
    "ensure_dev_keypair",
    "mint_token",
    "principal_scope",
    "verifier_for",
]
