"""The trust chain of one installation's NATS: its keys, the server's configuration, credentials.

An installation has an operator, a system account (NATS's own) and one platform account `MCR`
that holds every stream. The server is configured with the operator and the two account JWTs
(no secret: `server_config()`); whoever holds the account's signing key (`signing.nk`) issues
users' credentials: one per service, one per internal app, one for the admin. A user is let in
when its JWT was signed by that key, so issuing a new app's credentials needs no change to a
running server. `mcr up` keeps an authority under its data folder; a Kubernetes installation
creates one with `mcr bus init` and keeps `signing.nk` with its other secrets.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mcr_core.bus import grants
from mcr_core.bus.jwt import Key, account_jwt, creds_file, operator_jwt, user_jwt

ACCOUNT = "MCR"
SYSTEM_ACCOUNT = "SYS"
_KEYS = {"operator": "operator", "system": "account", "account": "account", "signing": "account"}
DAY_SECONDS = 86_400
MAX_CONTROL_LINE = 32_768


@dataclass(frozen=True)
class BusAuthority:
    """The operator, the accounts and the signing key of one installation."""

    operator: Key
    system: Key
    account: Key
    signing: Key
    name: str = "mcr"

    @classmethod
    def create(cls, name: str = "mcr") -> BusAuthority:
        return cls(**{role: Key.create(kind) for role, kind in _KEYS.items()}, name=name)

    @classmethod
    def load(cls, directory: Path) -> BusAuthority:
        """The authority kept in `directory` (`<role>.nk` files, each a seed)."""
        try:
            keys = {role: Key((directory / f"{role}.nk").read_text().strip()) for role in _KEYS}
        except FileNotFoundError as exc:
            raise FileNotFoundError(
                f"no NATS authority in {directory}: create one with `mcr bus init`"
            ) from exc
        return cls(**keys)

    @classmethod
    def ensure(cls, directory: Path) -> BusAuthority:
        """The authority in `directory`, created there on first use (development mode)."""
        if (directory / "signing.nk").exists():
            return cls.load(directory)
        authority = cls.create()
        authority.save(directory)
        return authority

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for role in _KEYS:
            _write_secret(directory / f"{role}.nk", getattr(self, role).seed + "\n")
        (directory / "auth.conf").write_text(self.server_config())

    # -- what the server is given -----------------------------------------------------------

    def server_config(self) -> str:
        """The part of nats-server's configuration that turns on this trust chain (nothing in
        it is secret): the operator, the system account and both accounts' JWTs."""
        system = self.system.public
        preload = {
            # NATS's own account: no users of ours, hence no signing key.
            system: account_jwt(self.operator, self.system, SYSTEM_ACCOUNT,
                                signing_key=None, jetstream=False),
            self.account.public: account_jwt(self.operator, self.account, ACCOUNT,
                                             signing_key=self.signing.public, jetstream=True),
        }  # fmt: skip
        lines = [
            # A client's CONNECT carries its JWT, permissions included: more than NATS's 4 KB.
            f"max_control_line: {MAX_CONTROL_LINE}",
            f"operator: {operator_jwt(self.operator, self.name, system)}",
            f"system_account: {system}",
            "resolver: MEMORY",
            "resolver_preload: {",
            *(f"  {account}: {token}" for account, token in preload.items()),
            "}",
        ]
        return "\n".join(lines) + "\n"

    # -- what clients are given --------------------------------------------------------------

    def credentials(self, identity: str, permissions: dict, ttl_days: float | None = None) -> str:
        """A `.creds` file for `identity` with `permissions`, valid for `ttl_days` (None: until
        the signing key is replaced)."""
        user = Key.create("user")
        expires = int(time.time() + ttl_days * DAY_SECONDS) if ttl_days else None
        token = user_jwt(
            self.signing, self.account.public, user.public, identity, permissions, expires=expires
        )
        return creds_file(token, user)

    def service_credentials(
        self, service: str, consumes: Sequence[grants.Consumes] = (), rollups: Sequence[str] = ()
    ) -> str:
        permissions = grants.service_permissions(service, consumes, rollups)
        return self.credentials(grants.service_identity(service), permissions)

    def app_credentials(
        self,
        app: str,
        sources: Sequence[str],
        consumers: Sequence[str] = (),
        ttl_days: float | None = 90,
    ) -> str:
        permissions = grants.app_permissions(app, sources, consumers)
        return self.credentials(grants.app_identity(app), permissions, ttl_days)

    def admin_credentials(self, ttl_days: float | None = None) -> str:
        return self.credentials("admin", grants.admin_permissions(), ttl_days)


def _write_secret(path: Path, text: str) -> None:
    """Write a secret readable by its owner only (created so, never widened in between)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(text)


def write_credentials(path: Path, creds: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_secret(path, creds)
    return path
