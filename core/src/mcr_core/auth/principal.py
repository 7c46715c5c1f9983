"""The principal: the employee a request acts for, taken from a verified token."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from mcr_core.errors import Unauthenticated


@dataclass(frozen=True)
class Principal:
    """An employee of ours: who they are, where they sit, and what they may do.

    `org_unit` is the employee's position in the organisation tree as a slash path from the
    root (`/cn-south/enterprise/team-3`); the visibility policy reads superior/subordinate
    relations from it.
    """

    employee_id: str
    region: str
    org_unit: str
    roles: frozenset[str] = frozenset()

    def has_role(self, role: str) -> bool:
        return role in self.roles


_principal: ContextVar[Principal | None] = ContextVar("mcr_principal", default=None)


def current_principal() -> Principal:
    """The principal of the request being served; the auth interceptor sets it."""
    principal = _principal.get()
    if principal is None:
        raise Unauthenticated("no principal: the call carries no verified token")
    return principal


@contextlib.contextmanager
def principal_scope(principal: Principal) -> Iterator[Principal]:
    token = _principal.set(principal)
    try:
        yield principal
    finally:
        _principal.reset(token)
