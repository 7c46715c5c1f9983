"""Who may do what: each RPC's declared permission, and the one role -> permission table.

Every RPC declares on the contract the permission it needs (`option (mcr.common.v1.permission)
= "archive.customers.update"`, AIP-style `<service>.<collection>.<verb>`). The roles a token
carries grant permissions through `RoleTable`; the gRPC interceptor refuses a call whose
permission no role of the caller grants before the handler runs, and a method that declares
none (default deny). Which records an allowed call then sees is still the visibility policy's
decision (`mcr_core.auth.visibility`): a permission says what kind of thing one may do, never
to which customer.

The roles are the book's vocabulary (domain decisions 5 and 11): the account manager's daily
work, the team leader's or system department head's set-up and approvals (`manager`), the
market department's tiers and analyses, region and company management, the QA unit, HR. Every
signed-in employee holds `employee` implicitly: reads, which the visibility policy filters. A
region extends the table by configuration (`MCR_ROLES`, `MCR_ROLES_FILE`), merged over these
defaults.
"""

from __future__ import annotations

import fnmatch
import importlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from google.protobuf import descriptor_pool
from mcr.common.v1 import authorization_pb2

from mcr_core.auth.roles import (
    DEFAULT_ROLES,
    EMPLOYEE,
    ROLE_NAME,
)

PERMISSION_PART = r"[a-z][A-Za-z0-9]*"
PERMISSION = re.compile(rf"^{PERMISSION_PART}\.{PERMISSION_PART}\.{PERMISSION_PART}$")
PATTERN = re.compile(r"^[A-Za-z0-9*?]+\.[A-Za-z0-9*?]+\.[A-Za-z0-9*?]+$")


class RoleConfigurationError(ValueError):
    """A region's role configuration is invalid; the message names the entry."""


# ---------------------------------------------------------------------------------------------
# What the contract declares
# ---------------------------------------------------------------------------------------------


def method_permission(method: str) -> str | None:
    """The permission `/package.Service/Method` declares on the contract, or None when the
    method is unknown or declares none. Reads the descriptor pool of the generated modules."""
    service_name, _, method_name = method.lstrip("/").rpartition("/")
    try:
        service = descriptor_pool.Default().FindServiceByName(service_name)
    except KeyError:
        return None
    found = service.methods_by_name.get(method_name)
    if found is None:
        return None
    options = found.GetOptions()
    if not options.HasExtension(authorization_pb2.permission):
        return None
    return options.Extensions[authorization_pb2.permission] or None


def contract_methods() -> Iterator[str]:
    """Every method of every service in the contract (`/mcr.archive.v1.ArchiveService/Get...`),
    found by importing each generated `*_service_pb2` module (`mcr` is a namespace package
    without `__init__` files, so the files are found on its path)."""
    import mcr

    names = {
        ".".join(("mcr", *file.relative_to(root).with_suffix("").parts))
        for root in map(Path, mcr.__path__)
        for file in root.rglob("*_service_pb2.py")
    }
    for name in sorted(names):
        generated = importlib.import_module(name)
        for service in generated.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                yield f"/{service.full_name}/{method.name}"


def declared_permissions() -> frozenset[str]:
    return frozenset(filter(None, map(method_permission, contract_methods())))


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------


class RoleTable:
    """Roles to permission patterns. `grants(roles, permission)` is the interceptor's check:
    a dictionary lookup once a (roles, permission) pair has been seen."""

    CACHE_SIZE = 50_000

    def __init__(self, roles: Mapping[str, Iterable[str]], summaries: Mapping[str, str]) -> None:
        self._patterns = {name: tuple(patterns) for name, patterns in roles.items()}
        self.summaries = dict(summaries)
        self._decided: dict[tuple[frozenset[str], str], bool] = {}

    @classmethod
    def default(cls) -> RoleTable:
        return cls.merged({})

    @classmethod
    def merged(
        cls, extensions: Mapping[str, Iterable[str]], declared: frozenset[str] | None = None
    ) -> RoleTable:
        """The default table with a region's `extensions` merged over it: a known role gains
        the patterns given, a new role is added. Refuses an invalid entry, naming it; with
        `declared`, also a pattern that matches no permission of the contract (a typo)."""
        roles = {role.name: list(role.grants) for role in DEFAULT_ROLES}
        summaries = {role.name: role.summary for role in DEFAULT_ROLES}
        for name, patterns in extensions.items():
            _check_entry(name, patterns, declared)
            roles.setdefault(name, [])
            roles[name] += [p for p in patterns if p not in roles[name]]
            summaries.setdefault(name, "a role of this region's configuration")
        return cls(roles, summaries)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._patterns)

    def patterns(self, role: str) -> tuple[str, ...]:
        return self._patterns.get(role, ())

    def grants(self, roles: frozenset[str], permission: str) -> bool:
        """Whether `roles` (with the implicit `employee`) grant `permission`."""
        key = (roles, permission)
        decided = self._decided.get(key)
        if decided is None:
            decided = any(
                fnmatch.fnmatchcase(permission, pattern)
                for role in (EMPLOYEE, *roles)
                for pattern in self._patterns.get(role, ())
            )
            if len(self._decided) >= self.CACHE_SIZE:
                self._decided.clear()  # tokens with odd role sets: start over, stay bounded
            self._decided[key] = decided
        return decided

    def roles_granting(self, permission: str) -> list[str]:
        return [
            role
            for role, patterns in self._patterns.items()
            if any(fnmatch.fnmatchcase(permission, p) for p in patterns)
        ]


def _check_entry(name: object, patterns: object, declared: frozenset[str] | None) -> None:
    if not isinstance(name, str) or not ROLE_NAME.match(name):
        raise RoleConfigurationError(f"roles.{name}: a role name is snake_case (a-z, 0-9, _)")
    if isinstance(patterns, str) or not isinstance(patterns, list | tuple):
        raise RoleConfigurationError(f"roles.{name}: give a list of permission patterns")
    for index, pattern in enumerate(patterns):
        entry = f"roles.{name}[{index}]"
        if not isinstance(pattern, str) or not (pattern == "*" or PATTERN.match(pattern)):
            raise RoleConfigurationError(
                f"{entry}: {pattern!r} is not a permission pattern <service>.<collection>.<verb>"
            )
        if declared is not None and not any(fnmatch.fnmatchcase(p, pattern) for p in declared):
            raise RoleConfigurationError(f"{entry}: {pattern!r} matches no declared permission")


def role_table_for(roles: Mapping[str, list[str]], roles_file: Path | None) -> RoleTable:
    """The table a process enforces: the defaults, the region's file, then `roles` (settings
    `MCR_ROLES_FILE` and `MCR_ROLES`), checked against the contract's permissions."""
    declared = declared_permissions()
    extensions: dict[str, list[str]] = {}
    if roles_file is not None:
        try:
            loaded = json.loads(roles_file.read_text())
        except (OSError, ValueError) as exc:
            raise RoleConfigurationError(f"roles_file {roles_file}: not readable JSON") from exc
        if not isinstance(loaded, dict):
            raise RoleConfigurationError(f"roles_file {roles_file}: expected an object of roles")
        for name, patterns in loaded.items():
            _check_entry(name, patterns, declared)
        extensions |= loaded
    for name, patterns in roles.items():
        extensions[name] = [*extensions.get(name, []), *patterns]
    return RoleTable.merged(extensions, declared)
