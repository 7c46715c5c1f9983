"""Authentication and visibility: who is calling, and what they may see.

The names below load their module on first use, so a command that only mints a token
(`mcr_core.auth.keys`) does not pay for the visibility policy's SQLAlchemy or gRPC.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mcr_core.auth.keys import ensure_dev_keypair, mint_token
    from mcr_core.auth.permissions import (
        RoleConfigurationError,
        RoleTable,
        method_permission,
        role_table_for,
    )
    from mcr_core.auth.principal import Principal, current_principal, principal_scope
    from mcr_core.auth.roles import (
        ACCOUNT_MANAGER,
        DEFAULT_ROLES,
        EMPLOYEE,
        HR,
        INTERNAL_APP,
        MANAGEMENT,
        MARKET_DEPARTMENT,
        QA,
        Role,
    )
    from mcr_core.auth.tokens import TokenVerifier, Verifier, bearer_token, verifier_for
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

_MODULE_OF = {
    "ensure_dev_keypair": "keys",
    "mint_token": "keys",
    "Principal": "principal",
    "current_principal": "principal",
    "principal_scope": "principal",
    "TokenVerifier": "tokens",
    "Verifier": "tokens",
    "bearer_token": "tokens",
    "verifier_for": "tokens",
    **dict.fromkeys(
        ("RoleConfigurationError", "RoleTable", "method_permission", "role_table_for"),
        "permissions",
    ),
    **dict.fromkeys(
        (
            "ACCOUNT_MANAGER",
            "DEFAULT_ROLES",
            "EMPLOYEE",
            "HR",
            "INTERNAL_APP",
            "MANAGEMENT",
            "MARKET_DEPARTMENT",
            "QA",
            "Role",
        ),
        "roles",
    ),
    **dict.fromkeys(
        (
            "MANAGER",
            "Classification",
            "Hierarchy",
            "Record",
            "RegionIsolation",
            "Scope",
            "Stakeholder",
            "Visibility",
            "VisibilityPolicy",
            "stakeholder_clause",
            "within",
        ),
        "visibility",
    ),
}
__all__ = [
    "ACCOUNT_MANAGER",
    "DEFAULT_ROLES",
    "EMPLOYEE",
    "HR",
    "INTERNAL_APP",
    "MANAGEMENT",
    "MANAGER",
    "MARKET_DEPARTMENT",
    "QA",
    "Classification",
    "Hierarchy",
    "Principal",
    "Record",
    "RegionIsolation",
    "Role",
    "RoleConfigurationError",
    "RoleTable",
    "Scope",
    "Stakeholder",
    "TokenVerifier",
    "Verifier",
    "Visibility",
    "VisibilityPolicy",
    "bearer_token",
    "current_principal",
    "ensure_dev_keypair",
    "method_permission",
    "mint_token",
    "principal_scope",
    "role_table_for",
    "stakeholder_clause",
    "verifier_for",
    "within",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
