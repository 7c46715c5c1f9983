"""Authentication and visibility: who is calling, and what they may see."""

from mcr_core.auth.principal import Principal, current_principal, principal_scope
from mcr_core.auth.tokens import TokenVerifier, ensure_dev_keypair, mint_token, verifier_for
from mcr_core.auth.visibility import (
    MANAGER,
    Classification,
    Hierarchy,
    Record,
    RegionIsolation,
    Scope,
    Stakeholder,
    Visibility,
    VisibilityPolicy,
    stakeholder_clause,
    within,
)

__all__ = [
    "MANAGER",
    "Classification",
    "Hierarchy",
    "Principal",
    "Record",
    "RegionIsolation",
    "Scope",
    "Stakeholder",
    "TokenVerifier",
    "Visibility",
    "VisibilityPolicy",
    "current_principal",
    "ensure_dev_keypair",
    "mint_token",
    "principal_scope",
    "stakeholder_clause",
    "verifier_for",
    "within",
]
